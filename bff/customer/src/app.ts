import {
  type BaseConfig,
  type Bus,
  followOrgMoves,
  type Logger,
  openDatabase,
  startOutboxRelay,
  startService,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { CustomerEntity } from './customers/customer.entity.ts';
import { customerAnswers, customerRoutes, sensitiveReadLog } from './customers/customer.handlers.ts';
import { CustomerRepository } from './customers/customer.repository.ts';
import { CustomerService } from './customers/customer.service.ts';
import { ensureLookupHashes, LookupHasher } from './customers/lookup-hash.ts';
import { Customer1764100000000 } from './migrations/1764100000000-customer.ts';
import { lookupHashesMigration } from './migrations/1765600000000-lookup-hashes.ts';
import { consumeCreditApproved } from './timeline/credit-approved.consumer.ts';
import { TimelineEntity } from './timeline/timeline.entity.ts';
import { TimelineRepository } from './timeline/timeline.repository.ts';

/** The customer service's own settings (see `main.ts`). */
export interface CustomerSettings {
  /** Key material for the ID-number and phone lookup hashes; default: from `ZY_INTERNAL_SECRET`. */
  ZY_CUSTOMER_LOOKUP_KEY?: string | undefined;
}

/** Composition root of the customer service; `main.ts` runs it, tests start it the same way. */
export async function startCustomerService(cfg: BaseConfig & CustomerSettings, bus: Bus, log: Logger) {
  const hasher = new LookupHasher(cfg.ZY_CUSTOMER_LOOKUP_KEY ?? cfg.ZY_INTERNAL_SECRET);
  const ds = await openDatabase({
    cfg,
    service: 'customer',
    entities: [CustomerEntity, TimelineEntity],
    migrations: [Customer1764100000000, lookupHashesMigration(hasher)],
    log,
  });
  await ensureLookupHashes(ds, hasher, log);
  const customers = new CustomerRepository(ds, hasher);
  const timeline = new TimelineRepository(ds);
  const service = new CustomerService(ds, customers, timeline, hasher);
  // the service's own relay: identity reads put their audit records in the outbox too
  const relay = startOutboxRelay(ds, bus, log);
  const sensitiveRead = sensitiveReadLog(bus, log, { ds, kick: () => relay.kick() });
  const running = await startService({
    name: 'customer',
    version: pkg.version,
    bus,
    log,
    outbox: { ds, relay },
    routes: customerRoutes(service, timeline),
    internal: customerAnswers(service, sensitiveRead),
  });
  // rows carry org paths: a moved branch takes its records along
  const orgMoves = await followOrgMoves({ bus, ds, log, service: 'customer', tables: ['customer'] });
  const consumer = await consumeCreditApproved(bus, ds, log, timeline);
  return {
    ds,
    async stop() {
      await running.stop();
      await relay.stop();
      await consumer.stop();
      await orgMoves.stop();
      await ds.destroy();
    },
  };
}
