import { z } from 'zod';
import { IsoDateTime } from '../http.ts';
import { WorkflowStep } from '../workflow.ts';

/**
 * Relations risk knows about between two customers of a bank (its read model `rm_relation`, fed by
 * `evt.customer.relation.changed` and the demo seed): 担保 guarantor (from guarantees to), 家庭
 * family, 任职/企业 employer (a person and their company), 同地址 shared address, 同电话 shared phone.
 * Warnings walk them both ways.
 */
export const RelationKinds = ['guarantor', 'family', 'employer', 'address', 'phone'] as const;
export const RelationKind = z.enum(RelationKinds);
export type RelationKind = z.infer<typeof RelationKind>;

/** What a signal is about: 逾期, 征信恶化, 大额流出, 涉诉/被执行. */
export const SignalKinds = ['overdue', 'bureau', 'outflow', 'court'] as const;
export const SignalKind = z.enum(SignalKinds);
export type SignalKind = z.infer<typeof SignalKind>;

/**
 * The one figure of a signal's facts a rule's threshold is compared with, per kind (a whole number):
 * days overdue, the fall of the bureau score in points, the outflow in fen, the court amount in fen.
 */
export const SIGNAL_MEASURE: Record<SignalKind, string> = {
  overdue: 'overdueDays',
  bureau: 'scoreDrop',
  outflow: 'amountFen',
  court: 'amountFen',
};

export const Severities = ['low', 'medium', 'high'] as const;
export const Severity = z.enum(Severities);
export type Severity = z.infer<typeof Severity>;

export const WarningStatuses = ['new', 'acknowledged', 'handled', 'closed'] as const;
export const WarningStatus = z.enum(WarningStatuses);
export type WarningStatus = z.infer<typeof WarningStatus>;

/** A weight or a score between 0 and 1, as a decimal string with up to 4 places (never a float on the wire). */
export const Weight = z
  .string()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'a number from 0 to 1 with up to 4 decimal places');

/** The facts of a signal: figures (whole numbers) and words, flat. */
export const SignalFacts = z.record(z.string().max(40), z.union([z.string().max(200), z.number().int()]));

/** One thing that happened to a customer, as risk's warning rules take it (from events and feeds). */
export const Signal = z.object({
  /** The source's own id for it (event id, feed record id): the same id twice is one signal. */
  sourceId: z.string().min(1).max(128),
  bankId: z.string().min(1).max(64),
  customerRef: z.string().min(1).max(128),
  kind: SignalKind,
  severity: Severity,
  facts: SignalFacts,
  at: IsoDateTime,
});
export type Signal = z.infer<typeof Signal>;

/** A warning rule: data risk staff edit (audited). */
export const WarningRuleInput = z.object({
  kind: SignalKind,
  title: z.string().trim().min(1).max(100),
  /** The signal's measure (SIGNAL_MEASURE) must reach this. */
  threshold: z.number().int().min(0).max(1_000_000_000_000),
  severity: Severity,
  /** How many relation steps a warning travels (0: the hit customer only). */
  depth: z.number().int().min(0).max(4),
  /** A related customer is warned when the product of weights along the path reaches this. */
  floor: Weight,
  /** Weight per relation kind (a kind absent or 0: not followed). */
  weights: z.object(
    Object.fromEntries(RelationKinds.map((k) => [k, Weight])) as Record<RelationKind, typeof Weight>,
  ),
  enabled: z.boolean(),
});
export type WarningRuleInput = z.infer<typeof WarningRuleInput>;

export const WarningRule = WarningRuleInput.extend({
  id: z.string(),
  version: z.number().int(),
  createdBy: z.string(),
  updatedBy: z.string(),
  updatedAt: IsoDateTime,
});
export type WarningRule = z.infer<typeof WarningRule>;

/** One relation step a warning travelled. */
export const PathStep = z.object({
  from: z.string(),
  to: z.string(),
  kind: RelationKind,
  /** The relation's own weight times the rule's weight for its kind. */
  weight: Weight,
});
export type PathStep = z.infer<typeof PathStep>;

export const WarningSummary = z.object({
  id: z.string(),
  kind: SignalKind,
  severity: Severity,
  status: WarningStatus,
  customerRef: z.string(),
  customerName: z.string(),
  /** The customer the signal hit (the same as `customerRef` for a direct hit). */
  hitRef: z.string(),
  hitName: z.string(),
  /** Relation steps from the hit customer (0: direct). */
  depth: z.number().int(),
  score: Weight,
  managerId: z.string(),
  managerName: z.string(),
  ruleTitle: z.string(),
  version: z.number().int(),
  createdAt: IsoDateTime,
});
export type WarningSummary = z.infer<typeof WarningSummary>;

export const GraphNode = z.object({
  ref: z.string(),
  name: z.string(),
  /** hit: the signal's customer; warned: this warning's customer; path: between them; other. */
  role: z.enum(['hit', 'warned', 'path', 'other']),
});
export const GraphEdge = z.object({
  from: z.string(),
  to: z.string(),
  kind: RelationKind,
  weight: Weight,
  onPath: z.boolean(),
});

export const WarningDetail = WarningSummary.extend({
  facts: SignalFacts,
  signalAt: IsoDateTime,
  note: z.string().nullable(),
  path: z.array(PathStep),
  /** The relations around the warned and the hit customer (up to the rule's depth), for the graph. */
  graph: z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) }),
  /** The life-cycle commands the caller may issue now. */
  commands: z.array(z.enum(['acknowledge', 'handle', 'close'])),
  steps: z.array(WorkflowStep),
});
export type WarningDetail = z.infer<typeof WarningDetail>;
