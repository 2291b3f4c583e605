import { type AuthorityRule, catalogueApi, type ProcessRule } from '@zhanye/contracts';
import { route } from '@zhanye/kit';
import type { Catalogue, CreditPart, PartDeps, PartSchema } from '../ports.ts';
import { CatalogueRepository, publicProduct } from './catalogue.repository.ts';
import { CatalogueService } from './catalogue.service.ts';
import { Catalogue1766200000000 } from './migrations/1766200000000-catalogue.ts';
import { ProcessTables } from './process.table.ts';

/**
 * Products, the LPR, pricing, the process-mode and authority tables. Products are per bank and
 * versioned; a bank gets the union's standard catalogue and default tables on its first use. The
 * LPR table holds the PBoC's fixings union-wide (seeded by the migration) and a bank's own entries.
 */
export const catalogueSchema: PartSchema = { entities: [], migrations: [Catalogue1766200000000] };

export function createCatalogue(deps: PartDeps): CreditPart<Catalogue> {
  const service = new CatalogueService(
    deps.ds,
    deps.bus,
    new CatalogueRepository(deps.ds),
    new ProcessTables(),
  );
  const routes = [
    route(catalogueApi.listProducts, async ({ caller, input }) => ({
      items: await service.listProducts(caller, input.status),
    })),
    route(catalogueApi.getProduct, async ({ caller, input }) =>
      publicProduct(await service.product(caller, input.id, input.version)),
    ),
    route(catalogueApi.productVersions, async ({ caller, input }) => ({
      items: await service.versions(caller, input.id),
    })),
    route(catalogueApi.createProduct, async ({ caller, input, deadline, audit }) => {
      const made = publicProduct(await service.createProduct(caller, input, deadline));
      audit.target = made.id;
      audit.after = made;
      return made;
    }),
    route(catalogueApi.reviseProduct, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await service.reviseProduct(caller, input, deadline);
      audit.before = publicProduct(before);
      audit.after = publicProduct(after);
      return publicProduct(after);
    }),
    route(catalogueApi.retireProduct, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await service.retireProduct(caller, input.id, deadline);
      audit.before = { status: before.status, version: before.version };
      audit.after = { status: after.status, version: after.version };
      return publicProduct(after);
    }),
    route(catalogueApi.listLpr, ({ caller }) => service.lpr(caller)),
    route(catalogueApi.createLpr, async ({ caller, input, deadline, audit }) => {
      const made = await service.createLpr(caller, input, deadline);
      audit.target = made.id;
      audit.after = made;
      return made;
    }),
    route(catalogueApi.quoteRate, async ({ caller, input, deadline }) => {
      const product = publicProduct(await service.product(caller, input.productId));
      return service.quote(
        caller,
        {
          subjectRef: `quote:${caller.userId}`,
          product,
          amount: input.amount,
          termMonths: input.termMonths,
          guaranteeType: input.guaranteeType,
          segment: input.segment,
          preview: true,
        },
        deadline,
      );
    }),
    route(catalogueApi.processRules, async ({ caller }) => ({
      items: await service.tables<ProcessRule>(caller, 'process'),
    })),
    route(catalogueApi.saveProcessRules, async ({ caller, input, deadline, audit }) => {
      const saved = await service.saveTable(caller, 'process', input, deadline);
      audit.target = `process@${saved.version}`;
      audit.after = saved;
      return saved as Awaited<ReturnType<typeof service.tables<ProcessRule>>>[number];
    }),
    route(catalogueApi.activateProcessRules, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await service.activateTable<ProcessRule>(
        caller,
        'process',
        input.version,
        deadline,
      );
      audit.target = `process@${input.version}`;
      audit.before = { activeVersion: before };
      audit.after = { activeVersion: after.version };
      return after;
    }),
    route(catalogueApi.tryProcessRules, async ({ caller, input }) =>
      // the union's readers keep no tables of their own: nothing is made for them
      service.decideMode(caller.bankId, input, input.version, caller.dataScope !== 'all'),
    ),
    route(catalogueApi.authorityRules, async ({ caller }) => ({
      items: await service.tables<AuthorityRule>(caller, 'authority'),
    })),
    route(catalogueApi.saveAuthorityRules, async ({ caller, input, deadline, audit }) => {
      const saved = await service.saveTable(caller, 'authority', input, deadline);
      audit.target = `authority@${saved.version}`;
      audit.after = saved;
      return saved as Awaited<ReturnType<typeof service.tables<AuthorityRule>>>[number];
    }),
    route(catalogueApi.activateAuthorityRules, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await service.activateTable<AuthorityRule>(
        caller,
        'authority',
        input.version,
        deadline,
      );
      audit.target = `authority@${input.version}`;
      audit.before = { activeVersion: before };
      audit.after = { activeVersion: after.version };
      return after;
    }),
  ];
  return {
    routes,
    port: {
      products: (caller) => service.listProducts(caller, 'active'),
      product: async (caller, productId, version) =>
        publicProduct(await service.product(caller, productId, version)),
      quote: (caller, input) => service.quote(caller, input),
      decideMode: (bankId, input) => service.decideMode(bankId, input),
      authority: (bankId, posts, level, productCode) => service.authority(bankId, posts, level, productCode),
    },
  };
}
