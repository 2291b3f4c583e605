import { z } from 'zod';
import { eventDef } from '../bus.ts';
import { todoEvents } from '../workflow.ts';
import { RelationKind, Severity, SignalKind, Weight } from './warning.schema.ts';

/** A party of a relation as the customer center knows it (risk keeps its name and manager). */
export const RelationParty = z.object({
  customerRef: z.string().min(1).max(128),
  name: z.string().max(100),
  /** The customer's account manager (user id), their org and its path. */
  managerId: z.string().max(64),
  managerName: z.string().max(64).default(''),
  orgId: z.string().max(64),
  orgPath: z.string().max(255),
});
export type RelationParty = z.infer<typeof RelationParty>;

/**
 * CONSUMED by risk, to be PUBLISHED by the customer center (its issue is not built yet; the demo
 * seed stands in): a relation between two customers of the envelope's bank was set or removed.
 * `weight` is how strongly trouble of one concerns the other (0..1).
 */
export const customerRelationChanged = eventDef({
  subject: 'evt.customer.relation.changed',
  payload: z.object({
    from: RelationParty,
    to: RelationParty,
    kind: RelationKind,
    weight: Weight,
    removed: z.boolean().default(false),
  }),
});

/**
 * CONSUMED by risk, to be PUBLISHED by retail credit part 2 (repayments): a loan fell overdue (and
 * again each time its days overdue grow). Amounts as decimal strings.
 */
export const loanOverdue = eventDef({
  subject: 'evt.credit.loan.overdue',
  payload: z.object({
    loanId: z.string(),
    customerId: z.string(),
    overdueDays: z.number().int().positive(),
    overdueAmount: z.string(),
    productCode: z.string(),
  }),
});

/** Risk raised a warning on a customer (directly or along relations). */
export const warningRaised = eventDef({
  subject: 'evt.risk.warning.raised',
  payload: z.object({
    warningId: z.string(),
    customerRef: z.string(),
    hitRef: z.string(),
    kind: SignalKind,
    severity: Severity,
    depth: z.number().int(),
    score: Weight,
    managerId: z.string(),
  }),
});

/** Risk's to-dos (a warning waiting for its manager): `evt.risk.todo.opened|closed`. */
export const riskTodos = todoEvents('risk');
