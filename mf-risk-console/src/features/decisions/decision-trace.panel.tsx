import type { DecisionRun } from '@zhanye/contracts';
import { Collapse, Empty, Timeline, Typography } from 'antd';
import { useShell } from '../../lib/i18n.ts';
import { FactsView } from './facts.view.tsx';

/** The engine's trace as ordered steps: each node with what it read and what it produced, folded. */
export function DecisionTrace({ steps }: { steps: DecisionRun['trace'] }) {
  const { t } = useShell();
  if (!steps.length) return <Empty description={t('trace.empty')} />;
  return (
    <Timeline
      items={steps.map((s, i) => ({
        key: `${s.id}-${i}`,
        content: (
          <div data-testid="trace-step" data-node={s.name}>
            <Typography.Text strong>
              {i + 1}. {s.name}
            </Typography.Text>
            {s.performance && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {s.performance}
              </Typography.Text>
            )}
            <Collapse
              size="small"
              ghost
              items={[
                ...(s.input === null || s.input === undefined
                  ? []
                  : [{ key: 'input', label: t('step.input'), children: <FactsView value={s.input} /> }]),
                { key: 'output', label: t('step.output'), children: <FactsView value={s.output} /> },
              ]}
            />
          </div>
        ),
      }))}
    />
  );
}
