import { creditJobsApi } from '@zhanye/contracts';
import {
  type BaseConfig,
  type Bus,
  ensureEventStream,
  ForbiddenError,
  followOrgMoves,
  Jobs,
  type Logger,
  NotFoundError,
  openDatabase,
  route,
  startOutboxRelay,
  startService,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { applicationsSchema, createApplications } from './applications/index.ts';
import { bureauSchema, bureauScopedTables, createBureau } from './bureau/index.ts';
import { catalogueSchema, createCatalogue } from './catalogue/index.ts';
import { createFiles, filesRoutes, filesSchema, filesScopedTables } from './files/index.ts';
import { createLimits, limitsSchema } from './limits/index.ts';
import { Credit1764500000000 } from './migrations/1764500000000-credit.ts';
import type { CreditPart } from './ports.ts';

/** The union's bank id (its operators run jobs for every bank). */
const UNION = 'union';

const parts = [catalogueSchema, filesSchema, bureauSchema, limitsSchema, applicationsSchema];

/**
 * Composition root of the credit service; `main.ts` runs it, tests start it the same way. Each part
 * (catalogue, files, bureau, limits, applications) is built from its folder and reaches the others
 * through the ports in `ports.ts`.
 */
export async function startCreditService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { jobs?: boolean } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'credit',
    entities: parts.flatMap((p) => p.entities),
    migrations: [Credit1764500000000, ...parts.flatMap((p) => p.migrations)],
    log,
  });
  await ensureEventStream(bus);
  const relay = startOutboxRelay(ds, bus, log);
  const deps = { ds, bus, log };
  const catalogue = createCatalogue(deps);
  const files = createFiles(deps);
  const bureau = createBureau({ ...deps, files });
  const limits = createLimits(deps);
  const applications = createApplications({
    ...deps,
    catalogue: catalogue.port,
    bureau: bureau.port,
    files,
    limits: limits.port,
    eventsCommitted: () => relay.kick(),
  });
  // files and bureau queries belong to applications: found in the caller's scope by that part
  const resolveApplication = applications.port.resolver();
  bureau.useApplications(resolveApplication, (m, _caller, app, report) =>
    applications.port.reportKept(m, app.id, report.id),
  );
  const filesPart: CreditPart<null> = { routes: filesRoutes(files, resolveApplication), port: null };
  const all: CreditPart<unknown>[] = [catalogue, bureau, limits, applications, filesPart];
  const jobs = new Jobs(
    ds,
    log,
    all.flatMap((p) => p.jobs ?? []),
  );
  if (opts.jobs ?? true) jobs.start();
  const running = await startService({
    name: 'credit',
    version: pkg.version,
    bus,
    log,
    outbox: { ds, relay },
    routes: [
      ...all.flatMap((p) => p.routes),
      // the scheduled jobs page: every part's jobs, run by `Jobs` once per period across copies
      route(creditJobsApi.listJobs, async () => ({ items: await jobs.status() })),
      route(creditJobsApi.runJob, async ({ caller, input }) => {
        // the jobs work for every bank: only the union's operators start one by hand
        if (caller.bankId !== UNION) {
          throw new ForbiddenError(
            'scheduled jobs run for every bank: the union’s operators run them',
            'UNION_ONLY',
          );
        }
        if (!jobs.has(input.name)) throw new NotFoundError('no such job');
        return jobs.runNow(input.name, input.period, { again: input.again });
      }),
    ],
    internal: all.flatMap((p) => p.internal ?? []),
  });
  // rows carry org paths: a moved branch takes its records along
  const orgMoves = await followOrgMoves({
    bus,
    ds,
    log,
    service: 'credit',
    tables: [
      'credit_application',
      'credit_limit',
      'limit_adjustment',
      ...filesScopedTables,
      ...bureauScopedTables,
    ],
  });
  return {
    ds,
    jobs,
    async stop() {
      jobs.stop();
      await running.stop();
      await relay.stop();
      await orgMoves.stop();
      await ds.destroy();
    },
  };
}
