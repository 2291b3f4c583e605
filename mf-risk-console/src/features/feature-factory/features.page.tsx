import { LoadError, useLoad } from '@zhanye/app-kit/react';
import { type FeatureDef, FeatureSource, Permissions } from '@zhanye/contracts';
import { Button, Card, Flex, Input, Segmented, Select, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { DefinitionText, ownerText, StatusTag, windowText } from './feature.parts.tsx';
import { listFeatures } from './features.resource.ts';
import { useFeaturesText } from './features.text.ts';

const rowAttrs = (f: FeatureDef) =>
  ({ 'data-testid': 'feature-row', 'data-name': f.name }) as HTMLAttributes<HTMLElement>;

/** 特征工厂: the bank's feature catalogue, filterable by kind, source and status. */
export function FeaturesPage() {
  const { api, t, lang, can } = useFeaturesText();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<'all' | 'aggregate' | 'expression'>('all');
  const [source, setSource] = useState<FeatureSource | undefined>();
  const [status, setStatus] = useState<'active' | 'draft' | 'retired' | undefined>();
  const list = useLoad(
    (signal) =>
      listFeatures(
        api,
        { ...(kind === 'all' ? {} : { kind }), ...(source ? { source } : {}), ...(status ? { status } : {}) },
        signal,
      ),
    [api, kind, source, status],
  );
  const q = query.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter(
    (f) =>
      !q || f.name.includes(q) || f.titleZh.includes(query.trim()) || f.titleEn.toLowerCase().includes(q),
  );
  const columns: TableColumnsType<FeatureDef> = [
    {
      title: t('field.title'),
      key: 'title',
      render: (_, f) => (
        <Flex vertical>
          <Link to={`/features/${f.name}`} data-testid="feature-link">
            {lang === 'zh-CN' ? f.titleZh : f.titleEn}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f.description}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('field.name'),
      dataIndex: 'name',
      width: 200,
      render: (n: string) => <Typography.Text type="secondary">{n}</Typography.Text>,
    },
    {
      title: t('field.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: FeatureDef['kind']) => t(`kind.${k}`),
    },
    { title: t('field.definition'), key: 'def', render: (_, f) => <DefinitionText def={f} /> },
    { title: t('field.window'), key: 'window', width: 110, render: (_, f) => windowText(f.windowDays, t) },
    { title: t('field.version'), dataIndex: 'version', width: 70 },
    {
      title: t('field.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: FeatureDef['status']) => <StatusTag status={s} />,
    },
    { title: t('field.owner'), key: 'owner', width: 100, render: (_, f: FeatureDef) => ownerText(f, t) },
  ];
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('app') }, { title: t('features') }]}
        title={t('features')}
        extra={
          can(Permissions.featureWrite) && (
            <Button type="primary" onClick={() => navigate('/features/new')} data-testid="feature-new">
              {t('features.new')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('features.search')}
            style={{ width: 240 }}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as typeof kind)}
            options={[
              { value: 'all', label: t('all') },
              { value: 'aggregate', label: t('kind.aggregate') },
              { value: 'expression', label: t('kind.expression') },
            ]}
          />
          <Select
            allowClear
            placeholder={t('field.source')}
            style={{ width: 220 }}
            value={source}
            onChange={setSource}
            options={FeatureSource.options.map((s) => ({ value: s, label: t(`source.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t('field.status')}
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={(['active', 'draft', 'retired'] as const).map((s) => ({
              value: s,
              label: t(`status.${s}`),
            }))}
          />
        </Flex>
        {list.error ? (
          <LoadError error={list.error} />
        ) : (
          <Table
            rowKey="name"
            size="middle"
            loading={list.loading}
            columns={columns}
            dataSource={rows}
            onRow={rowAttrs}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('features.empty') }}
          />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('feature.simulated')}
        </Typography.Text>
      </Card>
    </>
  );
}
