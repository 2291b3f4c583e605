import { formatTime, LoadError, useLoad, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { type LprRate, LprTenor, Permissions } from '@zhanye/contracts';
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Statistic, Table, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { createLpr, listLpr } from './catalogue.resource.ts';
import { RouteTabs } from './catalogue.tabs.tsx';
import { useCatalogueText } from './catalogue.text.ts';

/** `"3.4500"` -> `"3.45"`, `"3.1250"` -> `"3.125"`: two decimals at least, no trailing zeros beyond. */
const pct = (v: string) => v.replace(/(\.\d\d\d?)0+$/, '$1').replace(/(\.\d\d)0$/, '$1');

/** The LPR table: the rates in force today, every fixing, and a credit admin's new entry. */
export function LprPage() {
  const { api, can, t, lang } = useCatalogueText();
  const [adding, setAdding] = useState(false);
  const list = useLoad((signal) => listLpr(api, signal), [api]);
  const current = list.data?.current;
  return (
    <Card
      title={t('page.products')}
      extra={
        can(Permissions.productManage) && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="lpr-add">
            {t('lpr.add')}
          </Button>
        )
      }
    >
      <RouteTabs
        items={[
          { path: '/products', label: t('tab.products') },
          { path: '/products/lpr', label: t('tab.lpr') },
        ]}
      />
      {list.error !== undefined && <LoadError error={list.error} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {LprTenor.options.map((tenor) => {
          const rate = current?.[tenor];
          return (
            <Col key={tenor} xs={24} sm={12}>
              <Card size="small">
                <Statistic
                  title={t('lpr.current', { tenor: t(`tenor.${tenor}`) })}
                  value={rate ? pct(rate.ratePct) : t('lpr.none')}
                  suffix={rate ? '%' : undefined}
                  loading={list.loading && !list.data}
                />
                {rate && (
                  <Typography.Text type="secondary">
                    {t('lpr.since', { date: rate.effectiveDate })}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Table<LprRate>
        rowKey="id"
        onRow={() => ({ 'data-testid': 'lpr-row' }) as HTMLAttributes<HTMLElement>}
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('lpr.date'), dataIndex: 'effectiveDate' },
          { title: t('lpr.tenor'), dataIndex: 'tenor', render: (v: string) => t.opt(`tenor.${v}`) ?? v },
          { title: t('lpr.rate'), dataIndex: 'ratePct', render: (v: string) => `${pct(v)}%` },
          {
            title: t('lpr.source'),
            dataIndex: 'createdBy',
            render: (v: string) => (v === 'system' ? t('lpr.union') : t('lpr.bank')),
          },
          { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
        ]}
      />
      {adding && (
        <LprForm
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}

function LprForm({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const { api, t } = useCatalogueText();
  const { message } = App.useApp();
  const showError = useShowError({ DUPLICATE_LPR: t('lpr.duplicate') });
  const [form] = Form.useForm<{ tenor: LprRate['tenor']; effectiveDate: string; ratePct: string }>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, message: t('rule.required', { field }) });
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await createLpr(api, v, key.current);
      key.settle();
      message.success(t('lpr.added'));
      onSaved();
    } catch (e) {
      key.settle(e);
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('lpr.add')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={t('add')}
      cancelText={t('cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ tenor: '1Y' }}>
        <Form.Item name="tenor" label={t('lpr.tenor')}>
          <Select options={LprTenor.options.map((v) => ({ value: v, label: t(`tenor.${v}`) }))} />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('lpr.date')} rules={[required(t('lpr.date'))]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="ratePct"
          label={t('lpr.rate')}
          rules={[required(t('lpr.rate')), { pattern: /^\d{1,2}(\.\d{1,4})?$/, message: '3.45' }]}
        >
          <Input suffix="%" placeholder="3.00" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
