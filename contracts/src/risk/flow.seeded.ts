import { z } from 'zod';
import { PrescreenOutcome } from '../credit/credit.schema.ts';

/**
 * The union's seeded decision flows: what each takes and answers (`svc.risk.decide` by name).
 * Amounts in integer fen, counts and days as whole numbers. A bank's own version of a name must
 * keep the same answer (its test cases check it).
 */
const fen = z.number().int().nonnegative();
const count = z.number().int().nonnegative();
const Verdict = z.object({
  outcome: PrescreenOutcome,
  reasons: z.array(z.string()),
  /** The rule ids that decided it (refusals first, else referrals). */
  rules: z.array(z.string()),
});

export const seededFlows = {
  /** 准入: identity, blacklist, overdue and court records; several overdues, debt or age refer. */
  'credit.admission': {
    input: z.object({
      ageYears: count,
      blacklisted: z.boolean(),
      overdueTimes24m: count,
      currentOverdueFen: fen,
      courtRecords: count,
      annualIncomeFen: fen,
      existingDebtFen: fen,
    }),
    output: Verdict,
  },
  /** 评分卡: points per factor; score = 400 + 4 x points; A >= 760, B >= 680, C >= 600, D >= 520, else E. */
  'credit.rating': {
    input: z.object({
      ageYears: count,
      annualIncomeFen: fen,
      overdueTimes24m: count,
      yearsWithBank: count,
      depositBalanceFen: fen,
    }),
    output: z.object({
      score: z.number().int(),
      grade: z.enum(['A', 'B', 'C', 'D', 'E']),
      points: z.object({ age: count, income: count, overdue: count, tenure: count, deposit: count }),
    }),
  },
  /** 额度: income x the grade's multiple, capped, less existing debt, rounded down to 1,000 yuan. */
  'credit.limit': {
    input: z.object({ annualIncomeFen: fen, grade: z.enum(['A', 'B', 'C', 'D', 'E']), existingDebtFen: fen }),
    output: z.object({
      limitFen: fen,
      capFen: fen,
      /** The grade's income multiple (e.g. 2.5). */
      multiple: z.number().nonnegative(),
      reasons: z.array(z.string()),
    }),
  },
  /** 支用准入: limit active, within what is available, nothing overdue, purpose allowed; large ones refer. */
  'credit.drawdown': {
    input: z.object({
      amountFen: z.number().int().positive(),
      availableFen: fen,
      limitStatus: z.enum(['active', 'frozen', 'expired', 'cancelled']),
      overdueDays: count,
      purposeCode: z.string(),
    }),
    output: Verdict,
  },
  /** 贷后监测: warning signals and the highest severity as a level. */
  'credit.monitoring': {
    input: z.object({
      overdueDays: count,
      bureauNewOverdue: z.boolean(),
      largeOutflowFen: fen,
      balanceFen: fen,
      courtRecords: count,
      industryRisk: z.enum(['low', 'medium', 'high']),
    }),
    output: z.object({
      level: z.enum(['normal', 'attention', 'warning', 'severe']),
      /** Signal codes M1-M7. */
      signals: z.array(z.string()),
      reasons: z.array(z.string()),
    }),
  },
  /** 营销响应: how likely a customer answers an offer, 0-100, and its band. */
  'marketing.response': {
    input: z.object({
      ageYears: count,
      hasLoan: z.boolean(),
      depositBalanceFen: fen,
      monthlyTxnCount: count,
      lastContactDays: count,
      channel: z.enum(['branch', 'mobile', 'wechat']),
    }),
    output: z.object({ score: z.number().int().min(0).max(100), band: z.enum(['high', 'medium', 'low']) }),
  },
} as const;
export type SeededFlowName = keyof typeof seededFlows;
