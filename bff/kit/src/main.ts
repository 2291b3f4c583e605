import { writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { type Bus, connectBus } from './bus.ts';
import { BaseConfig, loadConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { assertProductionReady } from './production.ts';

/** Printed on stdout once a process is serving. */
export const READY_PREFIX = 'zy-ready: ';

/**
 * Runs a service's composition root and stops it cleanly on SIGTERM/SIGINT: the service stops
 * taking requests, finishes what it has, then its resources close in reverse order.
 */
export function runMain(name: string, start: () => Promise<{ log: Logger; stop: () => Promise<void> }>) {
  start().then(
    ({ log, stop }) => {
      // a plain line, whatever the log level: process supervisors (scripts/lib/supervisor.ts) wait
      // for it; under systemd (deploy/systemd) the unit waits for `ZY_READY_FILE` instead
      process.stdout.write(`${READY_PREFIX}${name}\n`);
      if (process.env.ZY_READY_FILE) writeFileSync(process.env.ZY_READY_FILE, `${process.pid}\n`);
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'stopping');
        const force = setTimeout(() => process.exit(1), 10_000);
        force.unref();
        stop().then(
          () => process.exit(0),
          (e) => {
            log.error({ err: e }, 'stop failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
    },
    (e) => {
      console.error(`${name} failed to start:`, e);
      process.exit(1);
    },
  );
}

/**
 * The whole entry file of a NATS service: configuration from the environment, logger, bus, the
 * service's composition root, and a clean stop (the service first, then the NATS connection).
 */
export function serviceMain<S extends z.ZodObject, C extends z.infer<S> & BaseConfig>(
  name: string,
  start: (cfg: C, bus: Bus, log: Logger) => Promise<{ stop(): Promise<void> }>,
  schema: S = BaseConfig as unknown as S,
): void {
  runMain(name, async () => {
    assertProductionReady(process.env, name);
    const cfg = loadConfig(schema) as C;
    const log = createLogger(name, cfg.LOG_LEVEL);
    const bus = await connectBus(cfg, name, log);
    const svc = await start(cfg, bus, log);
    return {
      log,
      async stop() {
        await svc.stop();
        await bus.nc.drain();
      },
    };
  });
}
