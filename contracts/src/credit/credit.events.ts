import { z } from 'zod';
import { eventDef } from '../bus.ts';
import { todoEvents } from '../workflow.ts';

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
    /** The limit granted (absent in events written before limits existed). */
    limitId: z.string().optional(),
    variant: z.string().optional(),
    ratePct: z.string().optional(),
  }),
});

export const applicationRejected = eventDef({
  subject: 'evt.credit.application.rejected',
  payload: z.object({
    applicationId: z.string(),
    customerId: z.string(),
    productCode: z.string(),
    /** Who or what: a person's id, or `system:risk` for the automated decision. */
    rejectedBy: z.string(),
    reason: z.string(),
  }),
});

/** A limit's figures or status changed (granted, drawn, frozen, adjusted, renewed, expired...). */
export const limitChanged = eventDef({
  subject: 'evt.credit.limit.changed',
  payload: z.object({
    limitId: z.string(),
    customerId: z.string(),
    kind: z.string(),
    status: z.string(),
    granted: z.string(),
    used: z.string(),
    frozen: z.string(),
    available: z.string(),
    validTo: z.string(),
  }),
});

/** Credit's to-dos (DOMAINS.md): a waiting step opens one, finishing it closes it. */
export const creditTodos = todoEvents('credit');
