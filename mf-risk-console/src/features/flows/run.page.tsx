import { formatTime, LoadError, useLoad, useShowError } from '@zhanye/app-kit/react';
import type { ReplayResult } from '@zhanye/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { HashText, OutcomeText } from './flow.parts.tsx';
import { getFlow, getRun, getVersion, replayRun } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';
import { runNumber } from './runs.tab.tsx';
import { JsonBlock, TraceGraph, TraceSteps } from './trace.view.tsx';

/** A stored run of a flow: what it saw and decided, its trace drawn on the graph, and replay. */
export function RunPage() {
  const { id = '' } = useParams();
  const { api, t, lang } = useFlowsText();
  const run = useLoad((signal) => getRun(api, id, signal), [api, id]);
  const r = run.data;
  const version = useLoad(
    (signal) => (r ? getVersion(api, r.name, r.version, signal) : Promise.resolve(undefined)),
    [api, r?.name, r?.version],
  );
  const title = version.data?.title ?? r?.name ?? '';

  return (
    <div data-testid="run-page">
      <PageHeader
        crumbs={[
          { title: t('app') },
          { title: t('flows'), to: '/flows' },
          ...(r ? [{ title, to: `/flows/${r.name}` }] : []),
          { title: t('run.title', { n: runNumber(id) }) },
        ]}
        title={t('run.title', { n: runNumber(id) })}
        tags={r && <OutcomeText outcome={r.outcome} />}
      />
      {run.error !== undefined ? (
        <LoadError error={run.error} reasons={{ NOT_FOUND: t('run.notFound') }} />
      ) : (
        <Flex vertical gap={16}>
          <Card loading={!r}>
            {r && (
              <Descriptions
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  {
                    key: 'flow',
                    label: t('flows'),
                    children: (
                      <Link to={`/flows/${r.name}/versions/${r.version}`}>
                        {title} · {t('version', { n: r.version })}
                      </Link>
                    ),
                  },
                  { key: 'hash', label: t('field.hash'), children: <HashText hash={r.hash} /> },
                  { key: 'canary', label: t('run.canary'), children: r.canary ? t('yes') : t('no') },
                  {
                    key: 'latency',
                    label: t('run.latency'),
                    children: t('run.ms', { ms: r.latencyMs.toFixed(1) }),
                  },
                  { key: 'asOf', label: t('run.asOf'), children: formatTime(r.asOf, lang) },
                  {
                    key: 'by',
                    label: t('run.requestedBy'),
                    children: r.requestedByName || t('outcome.none'),
                  },
                  { key: 'at', label: t('field.at'), children: formatTime(r.createdAt, lang) },
                ]}
              />
            )}
          </Card>
          {r && (
            <>
              <Row gutter={16}>
                <Col xs={24} lg={8}>
                  <Card size="small" title={t('run.input')}>
                    <JsonBlock value={r.input} />
                  </Card>
                </Col>
                <Col xs={24} lg={8}>
                  <Card size="small" title={t('run.features')}>
                    <JsonBlock value={r.features} />
                  </Card>
                </Col>
                <Col xs={24} lg={8}>
                  <Card size="small" title={t('run.output')}>
                    <JsonBlock value={r.output} testId="run-output" />
                  </Card>
                </Col>
              </Row>
              <Card size="small" title={t('run.trace')}>
                {version.data && (
                  <TraceGraph
                    content={version.data.content}
                    trace={r.trace}
                    output={r.output}
                    latencyMs={r.latencyMs}
                  />
                )}
                {version.error !== undefined && <LoadError error={version.error} />}
              </Card>
              <Card size="small" title={t('trace.list')}>
                <TraceSteps steps={r.trace} />
              </Card>
              <ReplayCard runId={r.id} name={r.name} version={r.version} />
            </>
          )}
        </Flex>
      )}
    </div>
  );
}

/** Re-runs the stored input and feature snapshot on another version and shows what would change. */
function ReplayCard({ runId, name, version }: { runId: string; name: string; version: number }) {
  const { api, t } = useFlowsText();
  const showError = useShowError();
  const flow = useLoad((signal) => getFlow(api, name, signal), [api, name]);
  const others = (flow.data?.versions ?? []).filter((v) => v.version !== version);
  const [to, setTo] = useState<number>();
  const [result, setResult] = useState<ReplayResult>();
  const [busy, setBusy] = useState(false);
  const replay = async () => {
    if (to === undefined) return;
    setBusy(true);
    try {
      setResult(await replayRun(api, runId, to));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('replay.title')} data-testid="replay-card">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('replay.hint')}</Typography.Text>
        <Space wrap>
          <Select
            style={{ minWidth: 200 }}
            placeholder={t('replay.on')}
            value={to}
            onChange={setTo}
            data-testid="replay-version"
            options={others.map((v) => ({
              value: v.version,
              label: `${t('version', { n: v.version })} · ${t(`status.${v.status}`)}`,
            }))}
          />
          <Button
            type="primary"
            disabled={to === undefined}
            loading={busy}
            onClick={replay}
            data-testid="replay-run"
          >
            {t('replay.run')}
          </Button>
        </Space>
        {result &&
          (result.to.error ? (
            <Alert type="error" showIcon title={t('sim.error')} description={result.to.error} />
          ) : result.same ? (
            <Alert
              type="success"
              showIcon
              title={t('replay.same', { to: result.to.version })}
              data-testid="replay-same"
            />
          ) : (
            <div data-testid="replay-changes">
              <Alert
                type="warning"
                showIcon
                title={t('replay.changed', { to: result.to.version, n: result.changes.length })}
                style={{ marginBottom: 8 }}
              />
              <Table
                size="small"
                rowKey="path"
                pagination={false}
                dataSource={result.changes}
                columns={[
                  { title: t('replay.key'), dataIndex: 'path', render: (p: string) => <Tag>{p}</Tag> },
                  {
                    title: t('replay.before', { from: result.from.version }),
                    dataIndex: 'before',
                    render: (v: unknown) => <JsonBlock value={v} />,
                  },
                  {
                    title: t('replay.after', { to: result.to.version }),
                    dataIndex: 'after',
                    render: (v: unknown) => <JsonBlock value={v} />,
                  },
                ]}
              />
            </div>
          ))}
      </Flex>
    </Card>
  );
}
