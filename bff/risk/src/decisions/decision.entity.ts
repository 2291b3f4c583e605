import { scopedColumns } from '@zhanye/kit';
import { EntitySchema } from 'typeorm';

/** One evaluation of a decision graph: what went in, what came out, and how (the trace). */
export interface DecisionRunRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  /** The user the decision was requested for (the caller of the internal call). */
  ownerId: string;
  graphKey: string;
  graphVersion: number;
  /** What the decision is about, e.g. `credit-application:<id>`. */
  subjectRef: string;
  outcome: string;
  /** JSON */
  input: string;
  /** JSON */
  output: string;
  /** JSON array of strings */
  reasons: string;
  /** JSON array of trace steps in evaluation order */
  trace: string;
  requestedBy: string;
  /** Their display name when the run was stored ('' for runs stored before names were kept). */
  requestedByName: string;
  createdAt: Date;
}

export const DecisionRunEntity = new EntitySchema<DecisionRunRow>({
  name: 'decision_run',
  tableName: 'decision_run',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    ...scopedColumns,
    graphKey: { name: 'graph_key', type: 'varchar', length: 100 },
    graphVersion: { name: 'graph_version', type: 'int' },
    subjectRef: { name: 'subject_ref', type: 'varchar', length: 128 },
    outcome: { type: 'varchar', length: 16 },
    input: { type: 'longtext' },
    output: { type: 'longtext' },
    reasons: { type: 'text' },
    trace: { type: 'longtext' },
    requestedBy: { name: 'requested_by', type: 'varchar', length: 64 },
    requestedByName: { name: 'requested_by_name', type: 'varchar', length: 64, default: '' },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});
