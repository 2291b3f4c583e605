import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { PrescreenOutcome } from '../credit/credit.schema.ts';

/** Credit -> risk on submit. Amounts in integer fen so the rules never see a float. */
export const prescreenCall = internalCall({
  subject: 'svc.risk.prescreen',
  service: 'risk',
  input: z.object({
    subjectRef: z.string().min(1).max(128),
    amountFen: z.number().int().positive(),
    annualIncomeFen: z.number().int().positive(),
    termMonths: z.number().int().positive(),
    productCode: z.string(),
  }),
  output: z.object({
    decisionId: z.string(),
    outcome: PrescreenOutcome,
    reasons: z.array(z.string()),
    graphKey: z.string(),
    graphVersion: z.number().int(),
  }),
});
