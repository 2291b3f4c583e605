import { z } from 'zod';

/**
 * The models register (模型管理): the models the bank's decisions run on (the seed's 21: pre-screen,
 * admission, rating, limit, pricing, drawdown, post-loan, marketing response and the rest), each with
 * an owner, a status and, where a decision flow implements it, monitoring per flow version: the
 * approval rate over time and the population stability index (PSI) of its score and main features.
 */
export const ModelStage = z.enum(['marketing', 'application', 'approval', 'drawdown', 'postLoan']);
export type ModelStage = z.infer<typeof ModelStage>;
export const ModelStatus = z.enum(['inUse', 'piloting', 'retired']);
export type ModelStatus = z.infer<typeof ModelStatus>;
/** Kinds of model: what question it answers. */
export const ModelKind = z.enum([
  'prescreen',
  'admission',
  'antiFraud',
  'rating',
  'behaviour',
  'limit',
  'pricing',
  'drawdown',
  'monitoring',
  'renewal',
  'increase',
  'collection',
  'response',
  'propagation',
]);
export type ModelKind = z.infer<typeof ModelKind>;

export const ModelCode = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be upper-case letters, digits and _');

export const RiskModel = z.object({
  code: ModelCode,
  name: z.string(),
  nameEn: z.string(),
  kind: ModelKind,
  stage: ModelStage,
  /** The decision flow that implements it (null: not yet on the decision engine). */
  flowName: z.string().nullable(),
  /** The flow version answering now (null when there is no flow or nothing published). */
  flowVersion: z.number().int().nullable(),
  /** The output field monitored as the model's score (e.g. `score`, `limitFen`); null: none. */
  scoreField: z.string().nullable(),
  /** The input fields or features whose drift is watched. */
  watched: z.array(z.string()),
  owner: z.string(),
  status: ModelStatus,
  description: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type RiskModel = z.infer<typeof RiskModel>;

/** PSI bands: below 0.1 stable, 0.1 to 0.25 a shift worth watching, above 0.25 a major shift. */
export const PsiLevel = z.enum(['stable', 'shift', 'major', 'insufficient']);
export type PsiLevel = z.infer<typeof PsiLevel>;

export const PsiBin = z.object({
  /** Lower bound of the bin (inclusive; null for the first), upper bound (exclusive; null for the last). */
  from: z.number().nullable(),
  to: z.number().nullable(),
  /** Shares in the baseline and in the recent window (0..1). */
  expected: z.number(),
  actual: z.number(),
});

export const PsiReport = z.object({
  version: z.number().int(),
  /** `score` for the model's score, else the watched field. */
  variable: z.string(),
  psi: z.number().nullable(),
  level: PsiLevel,
  baselineN: z.number().int(),
  actualN: z.number().int(),
  bins: z.array(PsiBin),
});
export type PsiReport = z.infer<typeof PsiReport>;

export const ModelDaily = z.object({
  day: z.string(),
  version: z.number().int(),
  runs: z.number().int(),
  /** Runs whose verdict is pass / refuse (a flow without verdicts counts neither). */
  approved: z.number().int(),
  refused: z.number().int(),
});

export const ModelMonitoring = z.object({
  code: z.string(),
  from: z.string(),
  to: z.string(),
  daily: z.array(ModelDaily),
  psi: z.array(PsiReport),
});
export type ModelMonitoring = z.infer<typeof ModelMonitoring>;
