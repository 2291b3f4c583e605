import { formatMoney, LoadError, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import {
  fromFen,
  Permissions,
  RelationKinds,
  Severities,
  type SignalKind,
  SignalKinds,
  toFen,
} from '@zhanye/contracts';
import {
  App,
  Button,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  createRule,
  deleteRule,
  listRules,
  updateRule,
  type WarningRule,
  type WarningRuleInput,
} from './warning.resource.ts';
import { KindText, SeverityTag } from './warning.tags.tsx';
import { useWarningText } from './warnings.text.ts';

/** Kinds whose threshold is money (entered in yuan, kept in fen). */
const MONEY: readonly SignalKind[] = ['outflow', 'court'];

interface FormValues extends Omit<WarningRuleInput, 'threshold'> {
  /** Days or points, or yuan (a decimal string) for money kinds. */
  threshold: string;
}

const toForm = (r: WarningRule): FormValues => ({
  ...r,
  threshold: MONEY.includes(r.kind) ? fromFen(r.threshold) : String(r.threshold),
});
const fromForm = (v: FormValues): WarningRuleInput => ({
  ...v,
  threshold: MONEY.includes(v.kind) ? toFen(v.threshold || '0') : Number(v.threshold || 0),
});

const blank: FormValues = {
  kind: 'overdue',
  title: '',
  threshold: '1',
  severity: 'medium',
  depth: 1,
  floor: '0.3000',
  weights: { guarantor: '0.9000', family: '0.6000', employer: '0.5000', address: '0.3000', phone: '0.3000' },
  enabled: true,
};

/** 预警规则: the bank's warning rules (data, not code); risk staff edit them, every change audited. */
export function RulesPage() {
  const { api, t, lang, can } = useWarningText();
  const rules = useLoad((signal) => listRules(api, signal), [api]);
  const [editing, setEditing] = useState<WarningRule | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const confirm = useConfirm();
  const showError = useShowError();
  const { message } = App.useApp();
  const manage = can(Permissions.warningRuleManage);
  const kind = Form.useWatch('kind', form);

  const open = (r: WarningRule | 'new') => {
    setEditing(r);
    form.setFieldsValue(r === 'new' ? blank : toForm(r));
  };
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing === 'new') await createRule(api, fromForm(v));
      else if (editing) await updateRule(api, editing.id, editing.version, fromForm(v));
      message.success(t('rules.saved'));
      setEditing(null);
      rules.reload();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  const remove = async (r: WarningRule) => {
    const ok = await confirm({
      title: t('rules.delete.confirm'),
      content: t('rules.delete.content'),
      okText: t('rules.delete'),
      cancelText: t('cancel'),
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteRule(api, r.id);
      message.success(t('rules.deleted'));
      rules.reload();
    } catch (e) {
      showError(e);
    }
  };

  const threshold = (r: WarningRule) =>
    r.kind === 'overdue'
      ? t('rules.days', { n: r.threshold })
      : r.kind === 'bureau'
        ? t('rules.points', { n: r.threshold })
        : r.threshold === 0
          ? t('rules.any')
          : formatMoney(fromFen(r.threshold), lang);
  const columns: TableColumnsType<WarningRule> = [
    { title: t('field.title'), dataIndex: 'title' },
    { title: t('field.kind'), dataIndex: 'kind', render: (_, r) => <KindText kind={r.kind} /> },
    { title: t('field.threshold'), key: 'threshold', render: (_, r) => threshold(r) },
    {
      title: t('field.severity'),
      dataIndex: 'severity',
      render: (_, r) => <SeverityTag severity={r.severity} />,
    },
    { title: t('field.ruleDepth'), dataIndex: 'depth', render: (n: number) => t('rules.levels', { n }) },
    { title: t('field.floor'), dataIndex: 'floor' },
    {
      title: t('field.weights'),
      key: 'weights',
      render: (_, r) =>
        RelationKinds.filter((k) => r.weights[k] !== '0.0000')
          .map((k) => `${t(`relation.${k}`)} ${r.weights[k]}`)
          .join('，'),
    },
    { title: t('field.enabled'), dataIndex: 'enabled', render: (e: boolean) => (e ? t('yes') : t('no')) },
    ...(manage
      ? [
          {
            key: 'actions',
            render: (_: unknown, r: WarningRule) => (
              <Space>
                <Button size="small" onClick={() => open(r)} data-testid="rule-edit">
                  {t('rules.edit.action')}
                </Button>
                <Button size="small" danger onClick={() => void remove(r)}>
                  {t('rules.delete')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  const weight = { pattern: /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, message: t('rules.hint.floor') };

  return (
    <Flex vertical gap={16} data-testid="warning-rules-page">
      <Link to={`/warnings`}>← {t('back.rules')}</Link>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('rules')}
        </Typography.Title>
        {manage && (
          <Button type="primary" onClick={() => open('new')} data-testid="rule-add">
            {t('rules.add')}
          </Button>
        )}
      </Flex>
      {rules.error !== undefined && <LoadError error={rules.error} />}
      <Table
        rowKey="id"
        size="middle"
        loading={rules.loading}
        dataSource={rules.data?.items ?? []}
        columns={columns}
        pagination={false}
        locale={{ emptyText: <Empty description={t('rules.empty')} /> }}
      />
      <Drawer
        open={editing !== null}
        title={editing === 'new' ? t('rules.add') : t('rules.edit')}
        size={520}
        onClose={() => setEditing(null)}
        destroyOnHidden
        extra={
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="rule-save">
            {t('rules.save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="title"
            label={t('field.title')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
            <Select options={SignalKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="threshold"
            label={t('field.threshold')}
            extra={t('rules.hint.threshold')}
            rules={[
              {
                required: true,
                pattern: kind && MONEY.includes(kind) ? /^\d{1,13}(\.\d{1,2})?$/ : /^\d{1,9}$/,
                message: t('rules.hint.threshold'),
              },
            ]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="severity" label={t('field.severity')} rules={[{ required: true }]}>
            <Select options={Severities.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
          </Form.Item>
          <Form.Item name="depth" label={t('field.ruleDepth')} rules={[{ required: true }]}>
            <InputNumber min={0} max={4} precision={0} />
          </Form.Item>
          <Form.Item
            name="floor"
            label={t('field.floor')}
            extra={t('rules.hint.floor')}
            rules={[{ required: true, ...weight }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Typography.Text type="secondary">{t('rules.hint.weights')}</Typography.Text>
          {RelationKinds.map((k) => (
            <Form.Item
              key={k}
              name={['weights', k]}
              label={t(`relation.${k}`)}
              rules={[{ required: true, ...weight }]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          ))}
          <Form.Item name="enabled" label={t('field.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Drawer>
    </Flex>
  );
}
