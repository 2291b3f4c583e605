import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { Signal } from './warning.schema.ts';

/**
 * Feeds and event consumers -> risk: one signal about a customer (逾期, 征信恶化, 大额流出, 涉诉). The
 * warning rules are applied to it and warnings raised along relations; the same `sourceId` twice
 * is one signal (its first answer is returned). The bank is the caller's.
 */
export const signalCall = internalCall({
  subject: 'svc.risk.signal',
  service: 'risk',
  input: Signal.omit({ bankId: true }),
  output: z.object({
    signalId: z.string(),
    /** False when this source id was seen before (nothing raised again). */
    fresh: z.boolean(),
    warningIds: z.array(z.string()),
  }),
});
