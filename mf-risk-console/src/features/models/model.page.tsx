import { formatTime, LoadError, useLoad, useShowError } from '@zhanye/app-kit/react';
import { type ModelMonitoring, Permissions, type PsiReport, type RiskModel } from '@zhanye/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { ModelStatusTag, PsiLevelTag } from './model.tags.tsx';
import { getModel, modelMonitoring, updateModel } from './models.resource.ts';
import { useModelsText } from './models.text.ts';

const ApprovalChart = lazy(() => import('./monitor.charts.tsx'));
const WINDOWS = [7, 30, 90] as const;
const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** A model: what it is, who keeps it, and its monitoring (approval rate per day, PSI per version). */
export function ModelPage() {
  const { code = '' } = useParams();
  const { api, t, lang, can } = useModelsText();
  const loaded = useLoad((signal) => getModel(api, code, signal), [api, code]);
  const [editing, setEditing] = useState(false);
  const model = loaded.data;
  const title = model && (lang === 'en-US' ? model.nameEn : model.name);
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('app') }, { title: t('models'), to: '/models' }, { title: title ?? code }]}
        title={title ?? code}
        tags={model && <ModelStatusTag status={model.status} />}
        extra={
          model &&
          can(Permissions.modelManage) && (
            <Button onClick={() => setEditing(true)} data-testid="model-edit">
              {t('edit')}
            </Button>
          )
        }
      />
      {loaded.error !== undefined ? (
        <LoadError error={loaded.error} reasons={{ NOT_FOUND: t('model.notFound') }} />
      ) : (
        <Flex vertical gap={16}>
          <Card loading={!model}>
            {model && (
              <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
                <Descriptions.Item label={t('field.code')}>{model.code}</Descriptions.Item>
                <Descriptions.Item label={t('field.stage')}>{t(`stage.${model.stage}`)}</Descriptions.Item>
                <Descriptions.Item label={t('field.kind')}>{t(`kind.${model.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('field.flow')}>
                  {model.flowName ? (
                    <Link to={`/flows/${model.flowName}`}>
                      {model.flowName}
                      {model.flowVersion ? ` · ${t('flow.v', { n: model.flowVersion })}` : ''}
                    </Link>
                  ) : (
                    t('flow.none')
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.owner')}>{model.owner}</Descriptions.Item>
                <Descriptions.Item label={t('field.updatedAt')}>
                  {formatTime(model.updatedAt, lang)}
                  {model.updatedBy ? ` · ${model.updatedBy}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.description')} span={3}>
                  {model.description}
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
          {model && <Monitoring model={model} />}
        </Flex>
      )}
      {model && editing && (
        <EditModel
          model={model}
          onClose={(saved) => {
            setEditing(false);
            if (saved) loaded.setData(saved);
          }}
        />
      )}
    </>
  );
}

function Monitoring({ model }: { model: RiskModel }) {
  const { api, t } = useModelsText();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(30);
  const range = useMemo(() => {
    const to = new Date();
    return { from: iso(new Date(to.getTime() - (days - 1) * DAY_MS)), to: iso(to) };
  }, [days]);
  const loaded = useLoad(
    (signal) => modelMonitoring(api, { code: model.code, ...range }, signal),
    [api, model.code, range],
  );
  return (
    <Card
      title={t('monitor.title')}
      extra={
        <Segmented<(typeof WINDOWS)[number]>
          value={days}
          onChange={setDays}
          options={WINDOWS.map((n) => ({ value: n, label: t(`window.${n}`) }))}
        />
      }
    >
      {!model.flowName ? (
        <Alert type="info" showIcon title={t('monitor.noFlow')} />
      ) : loaded.error !== undefined ? (
        <LoadError error={loaded.error} />
      ) : !loaded.data ? (
        <Skeleton active />
      ) : loaded.data.daily.length === 0 ? (
        <Alert type="info" showIcon title={t('monitor.empty')} />
      ) : (
        <MonitoringView data={loaded.data} model={model} />
      )}
    </Card>
  );
}

function MonitoringView({ data, model }: { data: ModelMonitoring; model: RiskModel }) {
  const { t } = useModelsText();
  /** A monitored field in words (the flows' inputs and outputs); an unknown one as it is named. */
  const variable = (name: string) => {
    const key = `var.${name}`;
    const words = t(key as Parameters<typeof t>[0]);
    return words === key ? name : words;
  };
  const days = [...new Set(data.daily.map((d) => d.day))].sort();
  const versions = [...new Set(data.daily.map((d) => d.version))].sort((a, b) => a - b);
  const series = versions.map((v) => ({
    name: t('v.label', { n: v }),
    runs: days.map((d) => data.daily.find((r) => r.day === d && r.version === v)?.runs ?? 0),
    rates: days.map((d) => {
      const r = data.daily.find((x) => x.day === d && x.version === v);
      const decided = r ? r.approved + r.refused : 0;
      return r && decided > 0 ? Math.round((r.approved / decided) * 1000) / 10 : null;
    }),
  }));
  const columns: TableColumnsType<PsiReport> = [
    {
      title: t('field.version'),
      dataIndex: 'version',
      width: 90,
      render: (v: number) => t('v.label', { n: v }),
    },
    {
      title: t('psi.variable'),
      dataIndex: 'variable',
      render: (v: string) =>
        v === 'score' ? `${t('psi.score')}（${variable(model.scoreField ?? '')}）` : variable(v),
    },
    {
      title: t('psi.value'),
      dataIndex: 'psi',
      width: 100,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toFixed(4)),
    },
    {
      title: t('psi.level'),
      dataIndex: 'level',
      width: 120,
      render: (l: PsiReport['level']) => <PsiLevelTag level={l} />,
    },
    {
      title: t('psi.samples'),
      key: 'n',
      width: 160,
      align: 'right',
      render: (_, r) => `${r.baselineN} / ${r.actualN}`,
    },
  ];
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={5}>{t('monitor.approval')}</Typography.Title>
        <Suspense fallback={<Skeleton active />}>
          <ApprovalChart
            days={days}
            series={series}
            rateName={t('monitor.rate')}
            runsName={t('monitor.runs')}
          />
        </Suspense>
      </div>
      <div>
        <Flex align="baseline" gap={8} wrap>
          <Typography.Title level={5}>{t('monitor.psi')}</Typography.Title>
          <Typography.Text type="secondary">{t('monitor.psiHint')}</Typography.Text>
        </Flex>
        <Table
          rowKey={(r) => `${r.version}:${r.variable}`}
          size="small"
          dataSource={data.psi}
          columns={columns}
          pagination={false}
        />
      </div>
    </Flex>
  );
}

function EditModel({ model, onClose }: { model: RiskModel; onClose: (saved?: RiskModel) => void }) {
  const { api, t } = useModelsText();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ owner: string; status: RiskModel['status']; description: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const saved = await updateModel(api, { code: model.code, ...values });
      message.success(t('edit.saved'));
      onClose(saved);
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('edit.title')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={save}
      onCancel={() => onClose()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ owner: model.owner, status: model.status, description: model.description }}
      >
        <Form.Item name="owner" label={t('field.owner')} rules={[{ required: true, max: 64 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="status" label={t('field.status')} rules={[{ required: true }]}>
          <Select
            options={(['inUse', 'piloting', 'retired'] as const).map((s) => ({
              value: s,
              label: t(`status.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
