import { z } from 'zod';
import { Id, IsoDateTime, PositiveMoney } from '../http.ts';

export const ApplicationStatus = z.enum(['draft', 'pending_approval', 'approved', 'rejected']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

export const PrescreenOutcome = z.enum(['pass', 'refer', 'refuse']);
export type PrescreenOutcome = z.infer<typeof PrescreenOutcome>;

export const CreditApplication = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  productCode: z.string(),
  /** Decimal string, yuan, 2 decimals. */
  amount: z.string(),
  termMonths: z.number().int(),
  annualIncome: z.string(),
  purpose: z.string(),
  status: ApplicationStatus,
  createdBy: z.string(),
  createdByName: z.string(),
  decisionId: z.string().nullable(),
  prescreenOutcome: PrescreenOutcome.nullable(),
  prescreenReasons: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionComment: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CreditApplication = z.infer<typeof CreditApplication>;

export const CreateApplication = z.object({
  customerId: Id,
  productCode: z.enum(['consumer', 'business', 'farmer']),
  amount: PositiveMoney,
  termMonths: z.coerce.number().int().min(1).max(360),
  annualIncome: PositiveMoney,
  purpose: z.string().trim().min(1, 'required').max(200),
});

export const DecideApplication = z.object({ id: Id, comment: z.string().trim().max(500).default('') });
