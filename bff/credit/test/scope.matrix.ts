import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';
import {
  applicationsFixtures,
  applicationsInScope,
  applicationsMappings,
  applicationsStates,
} from './matrix/applications.ts';
import { bureauFixtures, bureauMappings } from './matrix/bureau.ts';
import { catalogueFixtures, catalogueMappings, catalogueStates } from './matrix/catalogue.ts';
import { limitsFixtures, limitsMappings } from './matrix/limits.ts';

/**
 * Credit in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts), one file per part
 * in `matrix/`. Fixtures in order: the catalogue's product per bank, the bureau authorisation for
 * the user's customer, the applications (one submitted: its bureau report and query too), limits.
 */
export const matrix: ScopeMatrixPlugin = {
  mappings: { ...catalogueMappings, ...bureauMappings, ...limitsMappings, ...applicationsMappings },
  after: ['customer', 'marketing'],
  async fixtures(ctx, who) {
    await catalogueFixtures(ctx, who);
    await bureauFixtures(ctx, who);
    await applicationsFixtures(ctx, who);
    await limitsFixtures(ctx, who);
  },
  async states(ctx) {
    return { ...(await catalogueStates(ctx)), ...(await applicationsStates(ctx)) };
  },
  inScope: applicationsInScope,
};
