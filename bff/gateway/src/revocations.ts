import { type KV, Kvm } from '@nats-io/kv';
import type { Bus, Logger } from '@zhanye/kit';

/**
 * Ended sessions, shared by every gateway copy through a NATS KV bucket whose entries expire with
 * the longest session. Each copy keeps the set in memory from a watch, so the check per request is
 * a Set lookup; a logout on one copy is refused by all of them as soon as the watch delivers it.
 */
export class Revocations {
  private readonly ended = new Set<string>();
  private constructor(private readonly kv: KV) {}

  static async open(bus: Bus, sessionMs: number, log: Logger): Promise<Revocations> {
    const kv = await new Kvm(bus.nc).create(`zy_${bus.ns}_ended_sessions`, { ttl: sessionMs, history: 1 });
    const r = new Revocations(kv);
    const watch = await kv.watch();
    void (async () => {
      for await (const e of watch) if (e.operation === 'PUT') r.ended.add(e.key);
    })().catch((err: unknown) => log.error({ err }, 'session revocation watch stopped'));
    return r;
  }

  isEnded(sessionId: string): boolean {
    return this.ended.has(sessionId);
  }

  async end(sessionId: string): Promise<void> {
    this.ended.add(sessionId);
    await this.kv.put(sessionId, '1');
  }
}
