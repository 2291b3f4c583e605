import { inAudience, type Principal, type PushedNotice, PushNotice, pushSubject } from '@zhanye/contracts';
import type { Bus, Logger } from '@zhanye/kit';

/**
 * The notices services push (contracts `push.ts`), received once per gateway copy on `push.>` and
 * handed to the open event streams whose principal is in the audience. A notice whose type is not
 * of the domain whose subject it came on, or that does not parse, is dropped (logged): a service
 * cannot speak for another domain.
 */
export class NoticeHub {
  private readonly listeners = new Set<(n: PushNotice) => void>();

  constructor(bus: Bus, log: Logger) {
    const prefix = bus.subject(pushSubject(''));
    bus.nc.subscribe(bus.subject(pushSubject('>')), {
      callback: (err, msg) => {
        if (err) return log.warn({ err }, 'notice subscription failed');
        const domain = msg.subject.slice(prefix.length);
        let notice: PushNotice;
        try {
          notice = PushNotice.parse(msg.json());
        } catch {
          return log.warn({ subject: msg.subject }, 'dropped a notice that does not parse');
        }
        if (!notice.type.startsWith(`${domain}.`)) {
          return log.warn({ subject: msg.subject, type: notice.type }, 'dropped a notice of another domain');
        }
        for (const l of this.listeners) l(notice);
      },
    });
  }

  /** Calls `send` with each notice meant for `principal`; returns a function that stops it. */
  follow(principal: Principal, send: (n: PushedNotice) => void): () => void {
    const listener = (n: PushNotice) => {
      if (inAudience(principal, n)) send({ type: n.type, data: n.data });
    };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
