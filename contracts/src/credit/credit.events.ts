import { z } from 'zod';
import { eventDef } from '../bus.ts';

export const applicationApproved = eventDef({
  subject: 'evt.credit.application.approved',
  payload: z.object({
    applicationId: z.string(),
    customerId: z.string(),
    amount: z.string(),
    termMonths: z.number().int(),
    productCode: z.string(),
    approvedBy: z.string(),
    approvedByName: z.string(),
  }),
});
