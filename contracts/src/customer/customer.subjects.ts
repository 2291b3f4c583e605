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

/**
 * Credit asks for a customer's full identity when it queries the credit bureau (under an
 * authorisation it has checked): service to service only, never to a browser, never in a URL. In
 * the caller's data scope (null outside it).
 */
export const customerIdentityCall = internalCall({
  subject: 'svc.customer.identity',
  service: 'customer',
  input: z.object({ id: Id }),
  output: z.object({
    identity: z
      .object({ id: z.string(), name: z.string(), idNumber: z.string(), phone: z.string() })
      .nullable(),
  }),
});
