import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { Id } from '../http.ts';
import { CustomerSummary } from './customer.schema.ts';

/** Other services ask: is this customer in the caller's data scope, and what is it called? */
export const lookupCustomerCall = internalCall({
  subject: 'svc.customer.lookup',
  service: 'customer',
  input: z.object({ id: Id }),
  output: z.object({ customer: CustomerSummary.nullable() }),
});
