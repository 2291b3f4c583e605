import type { FlowTraceStep, JdmContent } from '@zhanye/contracts';
import { Collapse, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { Suspense } from 'react';
import { JdmGraph } from './editor/jdm.loader.ts';
import { toSimulation } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';

/** JSON shown as code (values in and out of a node; keys are the graph's own field names). */
export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}
    >
      {JSON.stringify(value ?? null, null, 2)}
    </pre>
  );
}

/** The graph with a run's trace drawn on it: nodes that ran, rows matched, values in and out. */
export function TraceGraph({
  content,
  trace,
  output,
  latencyMs,
  height = 480,
}: {
  content: JdmContent;
  trace: FlowTraceStep[];
  output: unknown;
  latencyMs: number;
  height?: number;
}) {
  const { t } = useFlowsText();
  return (
    <div data-testid="trace-graph" data-nodes={trace.map((s) => s.id).join(' ')}>
      <Suspense fallback={<Spin tip={t('edit.loading')} />}>
        <JdmGraph
          value={content as never}
          simulate={toSimulation(content, trace, output, latencyMs) as never}
          height={height}
        />
      </Suspense>
    </div>
  );
}

/** The trace as ordered steps: node, its kind, rows matched, and what it read and produced. */
export function TraceSteps({ steps }: { steps: FlowTraceStep[] }) {
  const { t } = useFlowsText();
  if (!steps.length) return <Empty description={t('none')} />;
  const ordered = [...steps].sort((a, b) => a.order - b.order);
  return (
    <Timeline
      items={ordered.map((s, i) => ({
        key: `${s.id}-${i}`,
        content: (
          <div data-testid="flow-trace-step" data-node={s.name} data-type={s.type}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>
                {i + 1}. {s.name}
              </Typography.Text>
              <Tag>{t.opt(`node.${s.type}`) ?? t('node.customNode')}</Tag>
              {s.matchedRows.length > 0 && (
                <Typography.Text data-testid="trace-rows">
                  {t('trace.rows')}：{s.matchedRows.map((r) => t('trace.row', { n: r.index + 1 })).join('、')}
                </Typography.Text>
              )}
              {s.performance && <Typography.Text type="secondary">{s.performance}</Typography.Text>}
            </Flex>
            <Collapse
              size="small"
              ghost
              items={[
                { key: 'in', label: t('trace.in'), children: <JsonBlock value={s.input} /> },
                { key: 'out', label: t('trace.out'), children: <JsonBlock value={s.output} /> },
              ]}
            />
          </div>
        ),
      }))}
    />
  );
}
