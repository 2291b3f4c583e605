import { LoadError, useLoad } from '@zhanye/app-kit/react';
import type { ModelStage, RiskModel } from '@zhanye/contracts';
import { Card, Flex, Input, Segmented, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { ModelStatusTag } from './model.tags.tsx';
import { listModels } from './models.resource.ts';
import { useModelsText } from './models.text.ts';

const STAGES: ModelStage[] = ['marketing', 'application', 'approval', 'drawdown', 'postLoan'];
const rowAttrs = (m: RiskModel) =>
  ({ 'data-testid': 'model-row', 'data-code': m.code }) as HTMLAttributes<HTMLElement>;

/** 模型管理: the models the decisions run on, by stage, with the flow version answering each. */
export function ModelsPage() {
  const { api, t, lang } = useModelsText();
  const list = useLoad((signal) => listModels(api, signal), [api]);
  const [query, setQuery] = useState('');
  const [stage, setStage] = useState<ModelStage | 'all'>('all');
  const q = query.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter(
    (m) =>
      (stage === 'all' || m.stage === stage) &&
      (!q || m.code.toLowerCase().includes(q) || m.name.includes(q) || m.nameEn.toLowerCase().includes(q)),
  );
  const columns: TableColumnsType<RiskModel> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name: string, m) => (
        <Flex vertical>
          <Link to={`/models/${m.code}`} data-testid="model-link">
            {lang === 'en-US' ? m.nameEn : name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.description}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('field.stage'), dataIndex: 'stage', width: 90, render: (s: ModelStage) => t(`stage.${s}`) },
    {
      title: t('field.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: RiskModel['kind']) => t(`kind.${k}`),
    },
    {
      title: t('field.version'),
      key: 'flow',
      width: 140,
      render: (_, m) =>
        m.flowName && m.flowVersion ? (
          <Link to={`/flows/${m.flowName}`}>{t('flow.v', { n: m.flowVersion })}</Link>
        ) : (
          <Typography.Text type="secondary">{t('flow.none')}</Typography.Text>
        ),
    },
    { title: t('field.owner'), dataIndex: 'owner', width: 130 },
    {
      title: t('field.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: RiskModel['status']) => <ModelStatusTag status={s} />,
    },
  ];
  return (
    <>
      <PageHeader crumbs={[{ title: t('app') }, { title: t('models') }]} title={t('models')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input
            type="search"
            allowClear
            placeholder={t('models.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ maxWidth: 320 }}
          />
          <Segmented<ModelStage | 'all'>
            value={stage}
            onChange={setStage}
            options={[
              { value: 'all', label: t('all') },
              ...STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })),
            ]}
          />
        </Flex>
        {list.error !== undefined && <LoadError error={list.error} />}
        <Table
          rowKey="code"
          size="middle"
          loading={list.loading}
          dataSource={rows}
          columns={columns}
          onRow={rowAttrs}
          pagination={false}
          locale={{ emptyText: t('models.empty') }}
        />
      </Card>
    </>
  );
}
