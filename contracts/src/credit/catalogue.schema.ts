import { z } from 'zod';
import { CustomerSegment } from '../customer/customer.schema.ts';
import { IsoDateTime, Money, PositiveMoney, wholeNumber } from '../http.ts';

/** 消费 (consumer), 经营 (business), 农户 (farmer household). */
export const ProductKind = z.enum(['consumer', 'business', 'farmer']);
export type ProductKind = z.infer<typeof ProductKind>;
/** 信用, 保证, 抵押, 质押. */
export const GuaranteeType = z.enum(['credit', 'guarantee', 'mortgage', 'pledge']);
export type GuaranteeType = z.infer<typeof GuaranteeType>;
/** 等额本息, 等额本金, 先息后本, 到期一次还本付息. */
export const RepaymentMethod = z.enum(['equal_installment', 'equal_principal', 'interest_first', 'bullet']);
export type RepaymentMethod = z.infer<typeof RepaymentMethod>;
/** The LPR a rate is built on: 1-year or over-5-year. */
export const LprTenor = z.enum(['1Y', '5Y']);
export type LprTenor = z.infer<typeof LprTenor>;

/** A rate in percent per year as a decimal string, up to 4 decimals: `"3.4500"`. */
export const RatePct = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,4})?$/, 'must be a rate like 3.45 (percent, at most 4 decimals)');
/** A spread over the LPR in basis points (may be negative: LPR - 20 bps). */
export const SpreadBps = wholeNumber({ min: -500, max: 2000 });

/** One field of a product's investigation form (the investigators fill it in). */
export const FormField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/),
  label: z.object({ 'zh-CN': z.string().min(1).max(40), 'en-US': z.string().min(1).max(60) }),
  type: z.enum(['money', 'number', 'text', 'textarea', 'select', 'date']),
  required: z.boolean().default(false),
  /** For `select`: value -> label. */
  options: z
    .array(
      z.object({ value: z.string().max(40), label: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) }),
    )
    .optional(),
  /** The section it belongs to: income, assets, liabilities, household, business, other. */
  section: z.enum(['income', 'assets', 'liabilities', 'household', 'business', 'other']).default('other'),
});
export type FormField = z.infer<typeof FormField>;

/** What a product version allows; a change makes a new version (applications keep theirs). */
export const ProductTerms = z.object({
  name: z.string().trim().min(1, 'required').max(64),
  kind: ProductKind,
  guaranteeTypes: z.array(GuaranteeType).min(1),
  minAmount: PositiveMoney,
  maxAmount: PositiveMoney,
  minTermMonths: wholeNumber({ min: 1, max: 360 }),
  maxTermMonths: wholeNumber({ min: 1, max: 360 }),
  repaymentMethods: z.array(RepaymentMethod).min(1),
  lprTenor: LprTenor,
  /** Rate floor and ceiling as LPR + basis points. */
  floorBps: SpreadBps,
  ceilingBps: SpreadBps,
  investigationForm: z.array(FormField).max(60),
  description: z.string().trim().max(500).default(''),
});
export type ProductTerms = z.infer<typeof ProductTerms>;

export const ProductStatus = z.enum(['active', 'retired']);

export const Product = ProductTerms.extend({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  status: ProductStatus,
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: IsoDateTime,
});
export type Product = z.infer<typeof Product>;

export const CreateProduct = ProductTerms.extend({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'upper-case letters, digits and _, e.g. FARMER_CREDIT'),
});
/** A change of terms: a new version. */
export const ReviseProduct = ProductTerms.extend({ id: z.string(), baseVersion: wholeNumber({ min: 1 }) });

/** One LPR fixing: the rate of a tenor from a date on. */
export const LprRate = z.object({
  id: z.string(),
  tenor: LprTenor,
  effectiveDate: z.string(),
  ratePct: RatePct,
  createdBy: z.string(),
  createdAt: IsoDateTime,
});
export type LprRate = z.infer<typeof LprRate>;
export const CreateLpr = z.object({
  tenor: LprTenor,
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-20'),
  ratePct: RatePct,
});

/** A rate as it is always kept: LPR(tenor, date) + spread, with the result. */
export const RateBasis = z.object({
  lprTenor: LprTenor,
  lprDate: z.string(),
  lprPct: RatePct,
  spreadBps: z.number().int(),
  ratePct: RatePct,
});
export type RateBasis = z.infer<typeof RateBasis>;

/**
 * 三台六岗 (staffed), 包办制 (one manager, small automated loans), 事业部制 (a division's chain),
 * 线上授信 (online: the automated decision approves, nobody touches it).
 */
export const ProcessMode = z.enum(['staffed', 'oneStop', 'division', 'online']);
export type ProcessMode = z.infer<typeof ProcessMode>;
/** Where the approval must go at least. */
export const ApprovalLevel = z.enum(['branch', 'hq']);
export type ApprovalLevel = z.infer<typeof ApprovalLevel>;

/**
 * One row of the process-mode decision table (first match wins, top to bottom): conditions (empty
 * = any) over product, amount, guarantee type, customer segment and pre-screen outcome, and the
 * mode and least approval level they lead to. Evaluated with zen-engine as a decision table.
 */
export const ProcessRule = z.object({
  productCodes: z.array(z.string()).default([]),
  minAmount: Money.nullable().default(null),
  maxAmount: Money.nullable().default(null),
  guaranteeTypes: z.array(GuaranteeType).default([]),
  segments: z.array(CustomerSegment).default([]),
  prescreen: z.array(z.enum(['pass', 'refer'])).default([]),
  mode: ProcessMode,
  approvalLevel: ApprovalLevel,
  note: z.string().max(100).default(''),
});
export type ProcessRule = z.infer<typeof ProcessRule>;

/**
 * Where an approver sits for the authority table: a branch, head office, or a business division
 * (事业部, whose own chain approves its cases).
 */
export const AuthorityLevel = z.enum(['branch', 'hq', 'division']);
export type AuthorityLevel = z.infer<typeof AuthorityLevel>;

/** One row of the authority table (授权): what a post at an org level may approve for a product. */
export const AuthorityRule = z.object({
  /** A post code as the principal carries it (`approver`). */
  post: z.string().min(1).max(32),
  orgLevel: AuthorityLevel,
  /** A product code, or `*` for every product. */
  productCode: z.string().min(1).max(32),
  maxAmount: PositiveMoney,
});
export type AuthorityRule = z.infer<typeof AuthorityRule>;

/** A version of a table (process rules or authority): versions are kept, one is active. */
export const RuleTableVersion = <T extends z.ZodType>(row: T) =>
  z.object({
    version: z.number().int(),
    active: z.boolean(),
    rows: z.array(row),
    note: z.string(),
    createdBy: z.string(),
    createdByName: z.string(),
    createdAt: IsoDateTime,
  });
