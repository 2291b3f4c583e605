import { type KV, type KvEntry, Kvm } from '@nats-io/kv';
import {
  accessEpochKey,
  ENDED_SESSION_TTL_MS,
  type Principal,
  type SessionEndReason,
  sessionBucket,
} from '@zhanye/contracts';
import type { Bus, Logger } from '@zhanye/kit';

export type WatchEvent =
  | { kind: 'ended'; sessionId: string; reason: SessionEndReason }
  | { kind: 'access'; key: string };

/**
 * What every gateway copy must know about sessions without asking the platform per request: the
 * ids of ended sessions and the access epochs (when what a user, a bank or everyone may do last
 * changed). Both come from NATS KV watches into memory, so the per-request checks are a Set and
 * three Map lookups. The platform writes both buckets; the gateway only reads.
 */
export class SessionWatch {
  private readonly ended = new Map<string, SessionEndReason>();
  private readonly epochs = new Map<string, number>();
  private readonly listeners = new Set<(e: WatchEvent) => void>();

  static async open(bus: Bus, log: Logger): Promise<SessionWatch> {
    const kvm = new Kvm(bus.nc);
    // `create` is idempotent: whichever of gateway and platform starts first makes the bucket
    const [ended, epochs] = await Promise.all([
      kvm.create(sessionBucket(bus.ns, 'ended'), { ttl: ENDED_SESSION_TTL_MS, history: 1 }),
      kvm.create(sessionBucket(bus.ns, 'access'), { history: 1 }),
    ]);
    const w = new SessionWatch();
    await Promise.all([
      w.follow(ended, log, (e) => {
        const reason = new TextDecoder().decode(e.value) as SessionEndReason;
        w.ended.set(e.key, reason);
        w.emit({ kind: 'ended', sessionId: e.key, reason });
      }),
      w.follow(epochs, log, (e) => {
        const at = Number(new TextDecoder().decode(e.value));
        if (!Number.isFinite(at)) return;
        w.epochs.set(e.key, Math.max(at, w.epochs.get(e.key) ?? 0));
        w.emit({ kind: 'access', key: e.key });
      }),
    ]);
    return w;
  }

  /** Applies every entry of a bucket, then every change; resolves once the current values are in. */
  private async follow(kv: KV, log: Logger, apply: (e: KvEntry) => void): Promise<void> {
    const initial = (await kv.status()).values;
    const watch = await kv.watch();
    let ready!: () => void;
    const loaded = new Promise<void>((r) => {
      ready = r;
    });
    if (initial === 0) ready();
    void (async () => {
      for await (const e of watch) {
        if (e.operation === 'PUT') apply(e);
        if (!e.isUpdate && !e.delta) ready();
      }
    })().catch((err: unknown) => log.error({ err, bucket: kv }, 'session watch stopped'));
    // never block start-up for long on a slow bucket: the entries keep arriving meanwhile
    await Promise.race([loaded, new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  private emit(e: WatchEvent) {
    for (const l of this.listeners) l(e);
  }

  on(listener: (e: WatchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  endReason(sessionId: string): SessionEndReason | undefined {
    return this.ended.get(sessionId);
  }

  /** Marks a session ended here at once (logout answered by this copy), before the watch brings it. */
  markEnded(sessionId: string, reason: SessionEndReason) {
    if (!this.ended.has(sessionId)) {
      this.ended.set(sessionId, reason);
      this.emit({ kind: 'ended', sessionId, reason });
    }
  }

  /** The newest access epoch that applies to this principal (0: none). */
  epochOf(p: Pick<Principal, 'userId' | 'bankId'>): number {
    return Math.max(
      this.epochs.get(accessEpochKey.user(p.userId)) ?? 0,
      this.epochs.get(accessEpochKey.bank(p.bankId)) ?? 0,
      this.epochs.get(accessEpochKey.all) ?? 0,
    );
  }

  /** Whether an epoch key concerns this principal. */
  concerns(key: string, p: Pick<Principal, 'userId' | 'bankId'>): boolean {
    return (
      key === accessEpochKey.all ||
      key === accessEpochKey.user(p.userId) ||
      key === accessEpochKey.bank(p.bankId)
    );
  }
}
