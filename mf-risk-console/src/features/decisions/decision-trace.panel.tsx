import type { DecisionRun } from '@zhanye/contracts';
import { Collapse, Empty, Timeline, Typography } from 'antd';
import { useShell } from '../../lib/shell.ts';
import { JsonView } from './json.view.tsx';

/** The engine's trace as ordered steps: each node with its input and output, folded. */
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
                { key: 'input', label: t('input'), children: <JsonView value={s.input} /> },
                { key: 'output', label: t('output'), children: <JsonView value={s.output} /> },
              ]}
            />
          </div>
        ),
      }))}
    />
  );
}
