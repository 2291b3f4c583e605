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
  /** SHA-256 (hex) of the flow version's content ('' on runs stored before flows). */
  flowHash: string;
  /** What the decision is about, e.g. `credit-application:<id>`. */
  subjectRef: string;
  /** pass, refer or refuse; '' for a flow that gives no verdict (a score, a limit). */
  outcome: string;
  /** JSON */
  input: string;
  /** JSON object: the feature snapshot the decision saw (null before flows). */
  features: string | null;
  /** What the features were taken as of (null before flows). */
  asOf: Date | null;
  /** JSON */
  output: string;
  /** JSON array of strings */
  reasons: string;
  /** JSON array of trace steps in evaluation order */
  trace: string;
  /** Microseconds from the request to the decision (features and evaluation, not storage). */
  latencyUs: number;
  /** Whether the version ran as its flow's canary. */
  canary: boolean;
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
    flowHash: { name: 'flow_hash', type: 'char', length: 64, default: '' },
    subjectRef: { name: 'subject_ref', type: 'varchar', length: 128 },
    outcome: { type: 'varchar', length: 16 },
    input: { type: 'longtext' },
    features: { type: 'longtext', nullable: true },
    asOf: { name: 'as_of', type: 'datetime', precision: 3, nullable: true },
    output: { type: 'longtext' },
    reasons: { type: 'text' },
    trace: { type: 'longtext' },
    latencyUs: { name: 'latency_us', type: 'int', default: 0 },
    canary: { type: 'boolean', default: false },
    requestedBy: { name: 'requested_by', type: 'varchar', length: 64 },
    requestedByName: { name: 'requested_by_name', type: 'varchar', length: 64, default: '' },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});
