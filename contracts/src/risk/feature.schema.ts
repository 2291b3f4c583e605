import { z } from 'zod';

/**
 * The feature factory (特征工厂): feature definitions over risk's read model, computed for one
 * customer or a population as of a date. Money features are integer fen (a rules engine's
 * number); the pages show them in 元.
 */

/** Segments of risk's read model (who a customer is, for features and batch populations). */
export const RiskSegment = z.enum(['farmer', 'business', 'salaried', 'micro_enterprise', 'other']);
export type RiskSegment = z.infer<typeof RiskSegment>;

/** The fact tables an aggregate reads (risk's read model; the external ones are SIMULATED feeds). */
export const FeatureSource = z.enum(['txn', 'bureau', 'tax', 'utility', 'court', 'credit']);
export type FeatureSource = z.infer<typeof FeatureSource>;

/** The columns of each source an aggregate may read or filter on (numbers are integer fen or counts). */
export const SOURCE_COLUMNS = {
  txn: { amount_fen: 'number', direction: 'string', channel: 'string' },
  bureau: {
    query_count: 'number',
    overdue_count: 'number',
    max_overdue_months: 'number',
    debt_fen: 'number',
  },
  tax: { period: 'string', income_fen: 'number', tax_paid_fen: 'number' },
  utility: { kind: 'string', billed_fen: 'number', paid_fen: 'number', arrears_fen: 'number' },
  court: { kind: 'string', role: 'string', amount_fen: 'number', status: 'string' },
  credit: { kind: 'string', application_id: 'string', amount_fen: 'number' },
} as const satisfies Record<FeatureSource, Record<string, 'number' | 'string'>>;

export const AggregateFn = z.enum(['count', 'sum', 'avg', 'max', 'min', 'latest']);
export type AggregateFn = z.infer<typeof AggregateFn>;
export const FilterOp = z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
export const FeatureType = z.enum(['number', 'string', 'boolean']);
/** How a value reads: fen shows as 元, ratio as a percentage. */
export const FeatureUnit = z.enum(['fen', 'count', 'ratio', 'years', 'months', 'none']);
export const FeatureStatus = z.enum(['draft', 'active', 'retired']);
export const FeatureKind = z.enum(['aggregate', 'expression']);
/** Windows offered (days before the as-of date); `null` is the whole history up to it. */
export const FEATURE_WINDOWS = [30, 90, 180, 365, 730] as const;

/** Feature names are identifiers an expression can use: lower snake case. */
export const FeatureName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,62}$/, 'lower-case letters, digits and _, starting with a letter (2-63)');

export const AggregateSpec = z.object({
  source: FeatureSource,
  fn: AggregateFn,
  /** The column summed/averaged/...; not for `count`. */
  column: z.string().max(40).optional(),
  filter: z
    .array(
      z.object({
        column: z.string().max(40),
        op: FilterOp,
        value: z.union([z.string().max(64), z.number()]),
      }),
    )
    .max(5)
    .default([]),
});
export type AggregateSpec = z.infer<typeof AggregateSpec>;

/** What a definition says, without its identity (for create, new version and test evaluation). */
export const FeatureDraft = z
  .object({
    titleZh: z.string().trim().min(1).max(100),
    titleEn: z.string().trim().min(1).max(100),
    entity: z.literal('customer').default('customer'),
    type: FeatureType,
    unit: FeatureUnit.default('none'),
    windowDays: z.number().int().min(1).max(3650).nullable().default(null),
    kind: FeatureKind,
    aggregate: AggregateSpec.optional(),
    /**
     * A zen expression over other features by name, `customer.birthYear`, `customer.segment`,
     * `customer.regionCode`, `customer.sinceYear` and `asOf.year`, `asOf.month`.
     */
    expression: z.string().trim().min(1).max(2000).optional(),
    description: z.string().trim().max(1000).default(''),
    status: FeatureStatus.exclude(['retired']).default('active'),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'aggregate' && !d.aggregate) {
      ctx.addIssue({
        code: 'custom',
        path: ['aggregate'],
        message: 'an aggregate feature needs its aggregate',
      });
    }
    if (d.kind === 'expression' && !d.expression) {
      ctx.addIssue({
        code: 'custom',
        path: ['expression'],
        message: 'an expression feature needs its expression',
      });
    }
  });
export type FeatureDraft = z.infer<typeof FeatureDraft>;

export const FeatureDef = z.object({
  name: z.string(),
  version: z.number().int(),
  titleZh: z.string(),
  titleEn: z.string(),
  entity: z.literal('customer'),
  type: FeatureType,
  unit: FeatureUnit,
  windowDays: z.number().int().nullable(),
  kind: FeatureKind,
  aggregate: AggregateSpec.nullable(),
  expression: z.string().nullable(),
  /** Features an expression uses (by name). */
  dependsOn: z.array(z.string()),
  description: z.string(),
  status: FeatureStatus,
  /** Who made this version (the user; `system` for the standard features). */
  ownerId: z.string(),
  ownerName: z.string(),
  createdAt: z.string(),
});
export type FeatureDef = z.infer<typeof FeatureDef>;

export const FeatureValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type FeatureValue = z.infer<typeof FeatureValue>;
export type FeatureValues = Record<string, FeatureValue>;

/** A business date, `YYYY-MM-DD`: a feature "as of" it reads the facts up to its end (UTC). */
export const AsOfDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const FeatureHistogram = z.object({
  name: z.string(),
  version: z.number().int(),
  asOf: z.string(),
  /** Customers in the bank's read model, and how many were read (every `stride`-th by seq). */
  population: z.number().int(),
  sampled: z.number().int(),
  nulls: z.number().int(),
  /** Numbers: equal-width bins [from, to). Strings and booleans: one bin per value (`label`). */
  bins: z.array(
    z.object({
      from: z.number().nullable(),
      to: z.number().nullable(),
      label: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
});
export type FeatureHistogram = z.infer<typeof FeatureHistogram>;
