import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { Id } from '../http.ts';
import { Lead } from './marketing.schema.ts';

/**
 * Credit asks for a lead by id when an application is made from it (its customer and wishes are
 * carried over; nothing personal travels in a URL). In the caller's data scope: a lead they cannot
 * see is null.
 */
export const leadLookupCall = internalCall({
  subject: 'svc.marketing.lead',
  service: 'marketing',
  input: z.object({ id: Id }),
  output: z.object({ lead: Lead.nullable() }),
});
