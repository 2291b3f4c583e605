import '@gorules/jdm-editor/dist/style.css';
import {
  DecisionGraph,
  type DecisionGraphType,
  JdmConfigProvider,
  type Simulation,
} from '@gorules/jdm-editor';
import { theme } from 'antd';

export type { DecisionGraphType, Simulation };

export interface JdmGraphProps {
  value: DecisionGraphType;
  /** Absent: read only. */
  onChange?: (graph: DecisionGraphType) => void;
  /** A run's trace drawn on the graph (nodes that ran, rows matched, values in and out). */
  simulate?: Simulation;
  height?: number | string;
}

/**
 * GoRules' JDM editor (decision tables, expressions, functions, switches, sub-decisions) on the
 * shell's antd. The default export: loaded lazily with monaco by `jdm.loader.ts`.
 */
export default function JdmGraph({ value, onChange, simulate, height = 560 }: JdmGraphProps) {
  const { token } = theme.useToken();
  return (
    <div
      data-testid="jdm-graph"
      style={{ height, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}
    >
      <JdmConfigProvider>
        <DecisionGraph
          // editing: the editor keeps the graph (remount with a new `key` to reset it); read only: controlled
          {...(onChange ? { defaultValue: value } : { value })}
          disabled={!onChange}
          onChange={onChange ? (g) => onChange(g as DecisionGraphType) : undefined}
          simulate={simulate}
          hideLeftToolbar={!onChange}
          // the whole graph in view once laid out (the panels take part of the width)
          onReactFlowInit={(flow) => {
            setTimeout(() => flow.fitView({ padding: 0.15 }), 50);
          }}
        />
      </JdmConfigProvider>
    </div>
  );
}
