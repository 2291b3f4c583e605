import { z } from 'zod';
import { IsoDateTime, wholeNumber } from '../http.ts';

/**
 * Decision flows (决策流): named GoRules JDM graphs with immutable versions, test cases, a publish
 * gate, a percent canary and rollback. The union's standard flows (owner `union`) answer for every
 * bank; a bank may publish its own versions of a name (owner `bank`), which then answer for its
 * callers. Version numbers are one sequence per name (union and bank versions never share a number).
 */

/** A flow's name, e.g. `credit.prescreen`: lower-case words joined by dots. */
export const FlowName = z
  .string()
  .trim()
  .min(3)
  .max(100)
  .regex(
    /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/,
    'must be lower-case words joined by dots, e.g. credit.limit',
  );
export const FlowVersionNo = wholeNumber({ min: 1, max: 1_000_000 });

/** Who a flow or version belongs to: the union's standard, or the caller's bank's own. */
export const FlowOwner = z.enum(['union', 'bank']);
export type FlowOwner = z.infer<typeof FlowOwner>;

/**
 * A version's state: `draft` (cases editable, never answered), `stable` (answers), `canary`
 * (answers for its percent of subjects beside the stable one), `retired` (was published, no longer
 * answers; a rollback target).
 */
export const FlowVersionStatus = z.enum(['draft', 'stable', 'canary', 'retired']);
export type FlowVersionStatus = z.infer<typeof FlowVersionStatus>;

/** A feature's name as the feature factory knows it, e.g. `txn.inflow.90d`. */
export const FeatureName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-zA-Z][a-zA-Z0-9_.]*$/, 'must be a feature name (letters, digits, _ and .)');

/** A value a feature takes. */
export const FeatureValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type FeatureValue = z.infer<typeof FeatureValue>;

/** A node of a JDM graph, as the GoRules editor saves it (other keys kept as they are). */
export const JdmNode = z.looseObject({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(64),
  name: z.string().max(200).optional(),
  content: z.unknown().optional(),
  position: z.looseObject({ x: z.number(), y: z.number() }).optional(),
});
export const JdmEdge = z.looseObject({
  id: z.string().min(1).max(100),
  sourceId: z.string().min(1).max(100),
  targetId: z.string().min(1).max(100),
  sourceHandle: z.string().max(100).nullable().optional(),
});
/** A GoRules JDM document. Whether it parses and compiles is checked by the publish gate. */
export const JdmContent = z.looseObject({
  nodes: z.array(JdmNode).max(500),
  edges: z.array(JdmEdge).max(2000),
});
export type JdmContent = z.infer<typeof JdmContent>;

/**
 * A test case: the graph's input (features under `features`, as a live decision sees them) and
 * the output expected. `expected` is a partial match: every key given must equal the actual
 * output's (objects compared key by key, arrays and scalars as a whole); keys not given are free.
 */
export const FlowTestCase = z.object({
  name: z.string().trim().min(1).max(100),
  input: z.record(z.string(), z.unknown()),
  expected: z.record(z.string(), z.unknown()),
});
export type FlowTestCase = z.infer<typeof FlowTestCase>;

/** One difference between an expected and an actual value (`path` dot separated). */
export const ValueChange = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type ValueChange = z.infer<typeof ValueChange>;

/** A case run: passed or not, with the actual output (or the engine's error) and the mismatches. */
export const FlowCaseResult = z.object({
  name: z.string(),
  passed: z.boolean(),
  actual: z.unknown(),
  /** The engine's error when the graph failed on this input (`actual` is then null). */
  error: z.string().nullable(),
  /** `before` is the expected value, `after` the actual one. */
  mismatches: z.array(ValueChange),
});
export type FlowCaseResult = z.infer<typeof FlowCaseResult>;

export const FlowTestReport = z.object({
  name: z.string(),
  version: z.number().int(),
  passed: z.boolean(),
  passedCount: z.number().int(),
  failedCount: z.number().int(),
  results: z.array(FlowCaseResult),
  testedAt: IsoDateTime,
});
export type FlowTestReport = z.infer<typeof FlowTestReport>;

/** A version without its content and cases (lists). */
export const FlowVersionSummary = z.object({
  name: z.string(),
  version: z.number().int(),
  owner: FlowOwner,
  status: FlowVersionStatus,
  note: z.string(),
  /** SHA-256 (hex) of the stored JDM content. */
  hash: z.string(),
  /** The features the version reads (resolved before each live decision). */
  features: z.array(z.string()),
  caseCount: z.number().int(),
  /** The last test run of its cases (null: never tested). */
  lastTest: z
    .object({
      passed: z.boolean(),
      passedCount: z.number().int(),
      failedCount: z.number().int(),
      testedAt: IsoDateTime,
    })
    .nullable(),
  authorName: z.string(),
  createdAt: IsoDateTime,
  publishedAt: IsoDateTime.nullable(),
  publishedByName: z.string().nullable(),
});
export type FlowVersionSummary = z.infer<typeof FlowVersionSummary>;

/** A version in full: the JDM content and the test cases. */
export const FlowVersion = FlowVersionSummary.extend({
  title: z.string(),
  content: JdmContent,
  cases: z.array(FlowTestCase),
  /** True when the caller is the version's author (separation of duties: they may not publish it). */
  mine: z.boolean(),
});
export type FlowVersion = z.infer<typeof FlowVersion>;

/** Which versions answer for an owner: the stable one and, when a canary runs, the canary's share. */
export const FlowRelease = z.object({
  stableVersion: z.number().int().nullable(),
  canaryVersion: z.number().int().nullable(),
  /** 0 without a canary; 1-99 of subjects go to the canary (by a stable hash of the subjectRef). */
  canaryPercent: z.number().int().min(0).max(99),
});
export type FlowRelease = z.infer<typeof FlowRelease>;

/** A flow as a list shows it: one row per owner (the union's standard and the bank's own). */
export const FlowSummary = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  owner: FlowOwner,
  release: FlowRelease,
  /** Whether this row's release answers the caller's bank's decisions (a bank's own release wins). */
  answering: z.boolean(),
  latestVersion: z.number().int(),
  updatedAt: IsoDateTime,
});
export type FlowSummary = z.infer<typeof FlowSummary>;

export const FlowReleaseAction = z.enum(['publish', 'canary', 'promote', 'abort', 'rollback']);
export type FlowReleaseAction = z.infer<typeof FlowReleaseAction>;

/** One change of a release, newest first. */
export const FlowReleaseEvent = z.object({
  owner: FlowOwner,
  action: FlowReleaseAction,
  version: z.number().int(),
  /** The canary percent after the change (0 when none runs). */
  canaryPercent: z.number().int(),
  note: z.string(),
  actorName: z.string(),
  at: IsoDateTime,
});
export type FlowReleaseEvent = z.infer<typeof FlowReleaseEvent>;

/** A flow as the caller's bank sees it: both releases, every visible version, the release history. */
export const FlowDetail = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  /** Whose release answers the caller's bank (`bank` once the bank publishes its own). */
  answering: FlowOwner,
  union: FlowRelease.nullable(),
  bank: FlowRelease.nullable(),
  versions: z.array(FlowVersionSummary),
  history: z.array(FlowReleaseEvent),
});
export type FlowDetail = z.infer<typeof FlowDetail>;

/** A step of a decision's trace, in evaluation order. */
export const FlowTraceStep = z.object({
  id: z.string(),
  name: z.string(),
  /** The node's type (`inputNode`, `decisionTableNode`, `expressionNode`, `functionNode`, ...). */
  type: z.string(),
  order: z.number().int(),
  input: z.unknown(),
  output: z.unknown(),
  /** zen's timing text, e.g. `12.1µs`. */
  performance: z.string().nullable(),
  /** Decision tables: the rows that matched (their `_id` and 0-based position in the table). */
  matchedRows: z.array(z.object({ id: z.string(), index: z.number().int() })),
  /** The engine's own trace data for the node (tables: the matched rule's values). */
  traceData: z.unknown(),
});
export type FlowTraceStep = z.infer<typeof FlowTraceStep>;

export const SimulateRequest = z.object({
  name: FlowName,
  version: FlowVersionNo,
  /** The graph's input, features under `features` (as a test case's input). */
  input: z.record(z.string(), z.unknown()),
});
export const SimulateResult = z.object({
  name: z.string(),
  version: z.number().int(),
  hash: z.string(),
  /** Null when the graph failed (`error` says why). */
  output: z.unknown(),
  error: z.string().nullable(),
  trace: z.array(FlowTraceStep),
  latencyMs: z.number(),
});
export type SimulateResult = z.infer<typeof SimulateResult>;

/** What changed between two versions of a flow. */
export const NodeRef = z.object({ id: z.string(), name: z.string(), type: z.string() });
export const RowsDiff = z.object({
  /** Rows by their `_id`. */
  added: z.array(z.record(z.string(), z.unknown())),
  removed: z.array(z.record(z.string(), z.unknown())),
  changed: z.array(
    z.object({
      id: z.string(),
      before: z.record(z.string(), z.unknown()),
      after: z.record(z.string(), z.unknown()),
    }),
  ),
});
export const FlowDiff = z.object({
  name: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  nodes: z.object({
    added: z.array(NodeRef),
    removed: z.array(NodeRef),
    changed: z.array(
      NodeRef.extend({
        /** What changed: `name`, `type`, `content`, `position`, `inputs` (table columns), `outputs`, `rows`. */
        fields: z.array(z.string()),
        /** Decision tables: rows added, removed and changed (null for other nodes). */
        rows: RowsDiff.nullable(),
      }),
    ),
  }),
  edges: z.object({
    added: z.array(z.object({ id: z.string(), sourceId: z.string(), targetId: z.string() })),
    removed: z.array(z.object({ id: z.string(), sourceId: z.string(), targetId: z.string() })),
  }),
  featuresAdded: z.array(z.string()),
  featuresRemoved: z.array(z.string()),
});
export type FlowDiff = z.infer<typeof FlowDiff>;

/** A stored decision run of a flow (every run made by `svc.risk.decide` and the credit calls). */
export const FlowRunSummary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  hash: z.string(),
  subjectRef: z.string(),
  /** pass, refer or refuse when the flow gives a verdict; null otherwise (a score, a limit). */
  outcome: z.string().nullable(),
  latencyMs: z.number(),
  /** Whether the version ran as the canary. */
  canary: z.boolean(),
  requestedByName: z.string(),
  createdAt: IsoDateTime,
});
export type FlowRunSummary = z.infer<typeof FlowRunSummary>;

export const FlowRun = FlowRunSummary.extend({
  input: z.record(z.string(), z.unknown()),
  /** The feature snapshot the decision saw (as of `asOf`). */
  features: z.record(z.string(), FeatureValue),
  asOf: IsoDateTime,
  output: z.unknown(),
  trace: z.array(FlowTraceStep),
});
export type FlowRun = z.infer<typeof FlowRun>;

/** A stored run re-run on another version with its input and feature snapshot: nothing stored. */
export const ReplayResult = z.object({
  runId: z.string(),
  name: z.string(),
  from: z.object({ version: z.number().int(), hash: z.string(), output: z.unknown() }),
  to: z.object({
    version: z.number().int(),
    hash: z.string(),
    output: z.unknown(),
    error: z.string().nullable(),
    trace: z.array(FlowTraceStep),
  }),
  /** Output keys whose value differs (`before` on the stored run, `after` on the other version). */
  changes: z.array(ValueChange),
  same: z.boolean(),
});
export type ReplayResult = z.infer<typeof ReplayResult>;
