import { featureApi } from '@zhanye/contracts';
import { type Bus, type Route, route } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { FeatureService } from './feature.service.ts';
import { pullFeeds } from './feeds.consumer.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** The feature factory's endpoints (contracts `featureApi`); every read and write in the caller's bank. */
export function featureRoutes(features: FeatureService, bus: Bus, ds: DataSource): Route[] {
  return [
    route(featureApi.listFeatures, async ({ caller, input }) => ({
      items: await features.list(caller.bankId, input),
    })),
    route(featureApi.getFeature, ({ caller, input }) => features.get(caller.bankId, input.name)),
    route(featureApi.createFeature, async ({ caller, input, audit }) => {
      const def = await features.save(caller, input.name, input.draft, 'create');
      audit.target = `feature:${def.name}@${def.version}`;
      return def;
    }),
    route(featureApi.newFeatureVersion, async ({ caller, input, audit }) => {
      const def = await features.save(caller, input.name, input.draft, 'version');
      audit.target = `feature:${def.name}@${def.version}`;
      return def;
    }),
    route(featureApi.testFeature, ({ caller, input }) =>
      features.test(caller, input.name, input.draft, input.id, input.asOf ?? today()),
    ),
    route(featureApi.computeFeatures, async ({ caller, input }) => {
      const names = input.names
        ? input.names
            .split(',')
            .map((n) => n.trim())
            .filter(Boolean)
        : null;
      const asOf = input.asOf ?? today();
      return { asOf, values: await features.compute(caller, input.id, asOf, names) };
    }),
    route(featureApi.pullFeeds, async ({ caller, input, deadline }) => {
      // only a customer the caller may see (404 otherwise)
      await features.requireCustomer(caller, input.id);
      const to = new Date();
      const from = new Date(to.getTime() - input.days * 86_400_000);
      return pullFeeds(bus, ds, caller, { customerRef: input.id, from, to }, deadline);
    }),
    route(featureApi.featureDistribution, ({ caller, input }) =>
      features.distribution(caller.bankId, input.name, input.asOf, input.bins),
    ),
  ];
}
