import { lookupCustomerCall } from '@zhanye/contracts';
import {
  type BaseConfig,
  type Bus,
  callService,
  followOrgMoves,
  type Logger,
  openDatabase,
  startService,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { LeadEntity } from './leads/lead.entity.ts';
import { leadAnswers, leadRoutes } from './leads/lead.handlers.ts';
import { LeadRepository } from './leads/lead.repository.ts';
import { type CustomerLookup, LeadService } from './leads/lead.service.ts';
import { Lead1764100000000 } from './migrations/1764100000000-lead.ts';

/** Composition root of the marketing service; `main.ts` runs it, tests start it the same way. */
export async function startMarketingService(cfg: BaseConfig, bus: Bus, log: Logger) {
  const ds = await openDatabase({
    cfg,
    service: 'marketing',
    entities: [LeadEntity],
    migrations: [Lead1764100000000],
    log,
  });
  const lookupCustomer: CustomerLookup = async (id, caller) =>
    (await callService(bus, lookupCustomerCall, { id }, caller, 'marketing')).customer;
  const leads = new LeadService(new LeadRepository(ds), lookupCustomer);
  const running = await startService({
    name: 'marketing',
    version: pkg.version,
    bus,
    log,
    outbox: { ds },
    routes: leadRoutes(leads),
    internal: leadAnswers(leads),
  });
  // rows carry org paths: a moved branch takes its records along
  const orgMoves = await followOrgMoves({ bus, ds, log, service: 'marketing', tables: ['lead'] });
  return {
    ds,
    async stop() {
      await running.stop();
      await orgMoves.stop();
      await ds.destroy();
    },
  };
}
