import { type EventEnvelope, feedFactRecorded, feedsPullCall } from '@zhanye/contracts';
import {
  answer,
  type BaseConfig,
  type Bus,
  ensureEventStream,
  type Logger,
  startService,
  UnavailableError,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { factsBetween } from './facts.ts';

/**
 * The external data feeds' SIMULATOR (DOMAINS.md "Simulators"): answers `svc.feeds.pull` with a
 * customer's SIMULATED facts, and pushes `evt.feeds.fact.recorded` for the customers it was asked
 * about (every `SIM_FEEDS_PUSH_MS`, the facts that fell due since its last push). Deterministic per
 * customer and `SIM_FEEDS_SEED`. Knobs: `SIM_FEEDS_LATENCY_MS` (added to every answer),
 * `SIM_FEEDS_FAILURE_RATE` (0-1: that share of answers fail with 503).
 */
export async function startFeedsService(
  _cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { now?: () => Date } = {},
) {
  const seed = Number(process.env.SIM_FEEDS_SEED ?? 1);
  const latency = Number(process.env.SIM_FEEDS_LATENCY_MS ?? 0);
  const failureRate = Number(process.env.SIM_FEEDS_FAILURE_RATE ?? 0);
  const pushMs = Number(process.env.SIM_FEEDS_PUSH_MS ?? 60_000);
  const now = opts.now ?? (() => new Date());
  /** The customers asked about, and up to when their facts were pushed. */
  const watched = new Map<string, { bankId: string; customerRef: string; pushedTo: Date }>();
  let served = 0;
  await ensureEventStream(bus);
  const running = await startService({
    name: 'feeds',
    version: pkg.version,
    description: 'SIMULATOR of external data feeds (not real data)',
    bus,
    log,
    routes: [],
    internal: [
      answer(feedsPullCall, async ({ input }) => {
        served++;
        if (latency > 0) await new Promise((r) => setTimeout(r, latency));
        // deterministic failures: every n-th answer for a rate of 1/n
        if (failureRate > 0 && served % Math.max(1, Math.round(1 / failureRate)) === 0) {
          throw new UnavailableError('the external feeds (simulator) are unavailable, retry later');
        }
        const to = new Date(input.to);
        const key = `${input.bankId}/${input.customerRef}`;
        const w = watched.get(key);
        if (!w || w.pushedTo < to)
          watched.set(key, { bankId: input.bankId, customerRef: input.customerRef, pushedTo: to });
        return {
          origin: 'simulator' as const,
          facts: factsBetween(seed, input.bankId, input.customerRef, new Date(input.from), to),
        };
      }),
    ],
  });
  /** Publishes the facts that fell due since the last push, each with its fact id as the message id. */
  const push = async () => {
    const t = now();
    for (const w of watched.values()) {
      for (const fact of factsBetween(seed, w.bankId, w.customerRef, w.pushedTo, t)) {
        const envelope: EventEnvelope = {
          id: fact.factId,
          subject: feedFactRecorded.subject,
          occurredAt: fact.at,
          bankId: fact.bankId,
          payload: { origin: 'simulator', fact },
        };
        await bus.js.publish(bus.subject(feedFactRecorded.subject), JSON.stringify(envelope), {
          msgID: fact.factId,
        });
      }
      w.pushedTo = t;
    }
  };
  const timer =
    pushMs > 0
      ? setInterval(
          () => push().catch((e: unknown) => log.warn({ err: e }, 'feeds simulator: push failed')),
          pushMs,
        )
      : undefined;
  return {
    push,
    async stop() {
      if (timer) clearInterval(timer);
      await running.stop();
    },
  };
}
