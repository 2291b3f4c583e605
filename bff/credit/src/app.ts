import { lookupCustomerCall, prescreenCall } from '@zhanye/contracts';
import {
  type BaseConfig,
  type Bus,
  callService,
  ensureEventStream,
  followOrgMoves,
  type Logger,
  openDatabase,
  startOutboxRelay,
  startService,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { ApplicationEntity } from './applications/application.entity.ts';
import { creditRoutes } from './applications/application.handlers.ts';
import { ApplicationRepository } from './applications/application.repository.ts';
import { ApplicationService } from './applications/application.service.ts';
import { Credit1764500000000 } from './migrations/1764500000000-credit.ts';

/** Composition root of the credit service; `main.ts` runs it, tests start it the same way. */
export async function startCreditService(cfg: BaseConfig, bus: Bus, log: Logger) {
  const ds = await openDatabase({
    cfg,
    service: 'credit',
    entities: [ApplicationEntity],
    migrations: [Credit1764500000000],
    log,
  });
  await ensureEventStream(bus);
  const relay = startOutboxRelay(ds, bus, log);
  const applications = new ApplicationService(ds, new ApplicationRepository(ds), {
    lookupCustomer: async (id, caller, deadline) =>
      (await callService(bus, lookupCustomerCall, { id }, caller, 'credit', { deadline })).customer,
    prescreen: (input, caller, deadline) =>
      callService(bus, prescreenCall, input, caller, 'credit', { deadline }),
    eventsCommitted: () => relay.kick(),
  });
  const running = await startService({
    name: 'credit',
    version: pkg.version,
    bus,
    log,
    outbox: { ds, relay },
    routes: creditRoutes(applications),
  });
  // rows carry org paths: a moved branch takes its records along
  const orgMoves = await followOrgMoves({ bus, ds, log, service: 'credit', tables: ['credit_application'] });
  return {
    ds,
    async stop() {
      await running.stop();
      await relay.stop();
      await orgMoves.stop();
      await ds.destroy();
    },
  };
}
