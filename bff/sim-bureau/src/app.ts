import { bureauReportCall } from '@zhanye/contracts';
import { answer, type BaseConfig, type Bus, type Logger, startService, UnavailableError } from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { simulatedReport } from './report.ts';

/**
 * The credit-bureau SIMULATOR (DOMAINS.md "Simulators"): answers `svc.bureau.report` as the bureau
 * would, deterministically per ID number. Knobs for tests and demos: `SIM_BUREAU_LATENCY_MS`
 * (added to every answer) and `SIM_BUREAU_FAILURE_RATE` (0-1: that share of answers fail with 503).
 */
export async function startBureauService(_cfg: BaseConfig, bus: Bus, log: Logger) {
  const latency = Number(process.env.SIM_BUREAU_LATENCY_MS ?? 0);
  const failureRate = Number(process.env.SIM_BUREAU_FAILURE_RATE ?? 0);
  let served = 0;
  const running = await startService({
    name: 'bureau',
    version: pkg.version,
    description: 'SIMULATOR of a credit bureau (not a real bureau)',
    bus,
    log,
    routes: [],
    internal: [
      answer(bureauReportCall, async ({ input }) => {
        served++;
        if (latency > 0) await new Promise((r) => setTimeout(r, latency));
        // deterministic failures: every n-th answer for a rate of 1/n
        if (failureRate > 0 && served % Math.max(1, Math.round(1 / failureRate)) === 0) {
          throw new UnavailableError('the bureau (simulator) is unavailable, retry later');
        }
        return simulatedReport(input);
      }),
    ],
  });
  return { stop: () => running.stop() };
}
