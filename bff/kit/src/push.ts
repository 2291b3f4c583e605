import { PushNotice, pushSubject } from '@zhanye/contracts';
import type { z } from 'zod';
import type { Bus } from './bus.ts';

/**
 * Pushes a notice to the signed-in browsers of its audience (contracts `push.ts`): core NATS, at
 * most once, never blocking the caller. Send it after the change it announces has committed (from
 * the code that runs after the transaction, or from an event consumer), so a page that re-reads on
 * the notice sees the change. `domain` is the sending service's: a notice of another domain's type
 * is refused here and dropped by the gateway.
 */
export function pushNotice(bus: Bus, domain: string, notice: z.input<typeof PushNotice>): void {
  const n = PushNotice.parse(notice);
  if (!n.type.startsWith(`${domain}.`)) {
    throw new Error(`a ${domain} service cannot push a notice of type ${n.type}`);
  }
  bus.nc.publish(bus.subject(pushSubject(domain)), JSON.stringify(n));
}
