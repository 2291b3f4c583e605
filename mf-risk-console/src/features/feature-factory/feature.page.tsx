import { formatTime, LoadError, useLoad } from '@zhanye/app-kit/react';
import { type FeatureDef, Permissions } from '@zhanye/contracts';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { DefinitionText, formatFeatureValue, ownerText, StatusTag, windowText } from './feature.parts.tsx';
import { featureDistribution, getFeature, today } from './features.resource.ts';
import { useFeaturesText } from './features.text.ts';

// echarts loads with this page only
const HistogramChart = lazy(() => import('./histogram.chart.tsx'));

/** One feature: its definition in use, every version, and its distribution over the bank as of a date. */
export function FeaturePage() {
  const { name = '' } = useParams();
  const { api, t, lang, can } = useFeaturesText();
  const navigate = useNavigate();
  const feature = useLoad((signal) => getFeature(api, name, signal), [api, name]);
  if (feature.error)
    return <LoadError error={feature.error} reasons={{ NOT_FOUND: t('feature.notFound') }} />;
  if (!feature.data) return <Skeleton active />;
  const { current, versions } = feature.data;
  const title = lang === 'zh-CN' ? current.titleZh : current.titleEn;
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('app') }, { title: t('features'), to: '/features' }, { title }]}
        title={title}
        tags={<StatusTag status={current.status} />}
        extra={
          can(Permissions.featureWrite) && (
            <Button onClick={() => navigate(`/features/${name}/edit`)} data-testid="feature-new-version">
              {t('feature.newVersion')}
            </Button>
          )
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('field.name')}>{current.name}</Descriptions.Item>
            <Descriptions.Item label={t('field.version')}>{current.version}</Descriptions.Item>
            <Descriptions.Item label={t('field.kind')}>{t(`kind.${current.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('field.type')}>{t(`type.${current.type}`)}</Descriptions.Item>
            <Descriptions.Item label={t('field.unit')}>{t(`unit.${current.unit}`)}</Descriptions.Item>
            <Descriptions.Item label={t('field.window')}>
              {windowText(current.windowDays, t)}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.definition')} span={2}>
              <DefinitionText def={current} />
            </Descriptions.Item>
            {current.dependsOn.length > 0 && (
              <Descriptions.Item label={t('field.dependsOn')} span={2}>
                <Flex gap={4} wrap>
                  {current.dependsOn.map((d) => (
                    <Tag key={d}>{d}</Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('field.owner')}>{ownerText(current, t)}</Descriptions.Item>
            <Descriptions.Item label={t('field.createdAt')}>
              {formatTime(current.createdAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.description')} span={2}>
              {current.description || '—'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        {current.status === 'active' && <Distribution def={current} />}
        <Card title={t('feature.versions')}>
          <Table
            rowKey="version"
            size="small"
            pagination={false}
            dataSource={versions}
            columns={[
              { title: t('field.version'), dataIndex: 'version', width: 70 },
              {
                title: t('field.status'),
                dataIndex: 'status',
                width: 90,
                render: (s: FeatureDef['status']) => <StatusTag status={s} />,
              },
              {
                title: t('field.definition'),
                key: 'def',
                render: (_, v: FeatureDef) => <DefinitionText def={v} />,
              },
              {
                title: t('field.window'),
                key: 'w',
                width: 110,
                render: (_, v: FeatureDef) => windowText(v.windowDays, t),
              },
              {
                title: t('field.owner'),
                key: 'owner',
                width: 100,
                render: (_, f: FeatureDef) => ownerText(f, t),
              },
              {
                title: t('field.createdAt'),
                dataIndex: 'createdAt',
                width: 170,
                render: (v: string) => formatTime(v, lang),
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}

/** The distribution over the bank's population (sampled when large) as of a chosen date. */
function Distribution({ def }: { def: FeatureDef }) {
  const { api, t, lang } = useFeaturesText();
  const [asOf, setAsOf] = useState(today());
  const hist = useLoad((signal) => featureDistribution(api, def.name, asOf, signal), [api, def.name, asOf]);
  const h = hist.data;
  const labels =
    h?.bins.map((b) =>
      b.label !== null
        ? def.type === 'boolean'
          ? b.label === 'true'
            ? t('yes')
            : t('no')
          : b.label
        : `${formatFeatureValue(b.from, def.unit, t, lang)} ~`,
    ) ?? [];
  return (
    <Card
      title={t('feature.distribution')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('feature.asOf')}</Typography.Text>
          <DatePicker
            allowClear={false}
            placeholder={asOf}
            onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
            data-testid="feature-asof"
          />
        </Space>
      }
    >
      {hist.error ? (
        <LoadError error={hist.error} />
      ) : !h ? (
        <Skeleton active />
      ) : h.sampled === 0 || h.bins.length === 0 ? (
        <Empty description={t('feature.noData')} />
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="feature-population">
            {t('feature.population', { n: h.population, s: h.sampled, z: h.nulls })}
          </Typography.Text>
          <Suspense fallback={<Skeleton active />}>
            <HistogramChart
              labels={labels}
              counts={h.bins.map((b) => b.count)}
              name={t('feature.distribution')}
            />
          </Suspense>
        </>
      )}
    </Card>
  );
}
