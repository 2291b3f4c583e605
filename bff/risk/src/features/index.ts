import { lookupCustomerCall } from '@zhanye/contracts';
import { type Bus, callService, type Logger, type Route } from '@zhanye/kit';
import type { DataSource, EntitySchema, MigrationInterface } from 'typeorm';
import { RiskReadModel1767300000000 } from './1767300000000-read-model.ts';
import { RiskFeatureDef1767300000001 } from './1767300000001-feature-def.ts';
import { consumeCreditEvents } from './credit.consumers.ts';
import { featureRoutes } from './feature.routes.ts';
import { FeatureService, type Features } from './feature.service.ts';
import { consumeFeedFacts } from './feeds.consumer.ts';

export type { BatchSelector, Features } from './feature.service.ts';

/** The feature factory's tables: risk's read model (customers, facts) and the definitions. */
export const featuresSchema: { entities: EntitySchema[]; migrations: (new () => MigrationInterface)[] } = {
  entities: [],
  migrations: [RiskReadModel1767300000000, RiskFeatureDef1767300000001],
};

/** The read model's tables whose rows carry org paths (for `followOrgMoves` in app.ts). */
export const featuresScopedTables = ['rm_customer'];

/**
 * The feature factory (特征工厂): the catalogue's routes, the `Features` port (one customer as of a
 * date; set-based for a batch) and the consumers feeding the read model (credit's events, the
 * SIMULATED external feeds). `start()` starts the consumers; `stop()` stops them.
 */
export function createFeatures(deps: { ds: DataSource; bus: Bus; log: Logger }) {
  const service = new FeatureService(deps.ds, async (caller, customerRef) => {
    // the customer service's ids are UUIDs: anything else is no customer of it
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(customerRef)) return false;
    const { customer } = await callService(deps.bus, lookupCustomerCall, { id: customerRef }, caller, 'risk');
    return customer !== null;
  });
  const running: { stop(): Promise<void> }[] = [];
  return {
    routes: featureRoutes(service, deps.bus, deps.ds) as Route[],
    port: service as Features,
    service,
    async start() {
      running.push(await consumeCreditEvents(deps.bus, deps.ds, deps.log));
      running.push(await consumeFeedFacts(deps.bus, deps.ds, deps.log));
    },
    async stop() {
      await Promise.all(running.splice(0).map((r) => r.stop()));
    },
  };
}
