import { type KV, Kvm } from '@nats-io/kv';
import { ENDED_SESSION_TTL_MS, type SessionEndReason, sessionBucket } from '@zhanye/contracts';
import type { Bus } from '@zhanye/kit';

/**
 * The platform's side of the two NATS KV buckets every gateway copy watches: ended session ids,
 * and access epochs (when what a user, a bank or everyone may do last changed). `create` is
 * idempotent, so whichever side starts first creates a bucket, with the same settings.
 */
export class SessionSignals {
  private constructor(
    private readonly ended: KV,
    private readonly epochs: KV,
  ) {}

  static async open(bus: Bus): Promise<SessionSignals> {
    const kvm = new Kvm(bus.nc);
    const [ended, epochs] = await Promise.all([
      kvm.create(sessionBucket(bus.ns, 'ended'), { ttl: ENDED_SESSION_TTL_MS, history: 1 }),
      kvm.create(sessionBucket(bus.ns, 'access'), { history: 1 }),
    ]);
    return new SessionSignals(ended, epochs);
  }

  async sessionEnded(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.ended.put(sessionId, reason);
  }

  /** Writes `now` under each key: tokens issued before it are re-read on their next request. */
  async bump(keys: string[], now = Date.now()): Promise<void> {
    await Promise.all(keys.map((k) => this.epochs.put(k, String(now))));
  }
}
