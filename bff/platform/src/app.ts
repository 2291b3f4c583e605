import { auditPublisher, auditRecorded } from '@zhanye/contracts';
import {
  type BaseConfig,
  type Bus,
  consumeEvent,
  type Logger,
  openDatabase,
  startOutboxRelay,
  startService,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { MenuService } from './access/menu.service.ts';
import { adminRoutes, adminServices } from './admin/admin.routes.ts';
import { AuditService } from './audit/audit.service.ts';
import { platformAnswers, platformRoutes } from './handlers.ts';
import { PlatformMigrations } from './migrations/platform.migrations.ts';
import { DevOverrideService } from './registry/dev-override.service.ts';
import { ReleaseRepository } from './registry/release.repository.ts';
import { ReleaseService } from './registry/release.service.ts';
import { syncDeclaredMenus } from './seed/access.seed.ts';
import { bootstrapFirstAdmin, type FirstAdmin } from './seed/bootstrap-admin.ts';
import { seedDemo } from './seed/demo.seed.ts';
import type { SessionSettings } from './session/session.config.ts';
import { startSessions } from './session/session.module.ts';

/** Composition root of the platform service (identity, orgs, roles, menus, release control plane). */
export async function startPlatformService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: {
    seedDemo?: boolean;
    fourEyes?: boolean;
    firstAdmin?: FirstAdmin | undefined;
    /** Overrides the session settings from the environment (tests: seconds-long timeouts). */
    session?: Partial<SessionSettings>;
  } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'platform',
    entities: [],
    migrations: PlatformMigrations,
    log,
  });
  const declared = await ds.transaction((m) => syncDeclaredMenus(m));
  if (declared.length) log.info({ menus: declared }, 'declared menu nodes added');
  if (opts.seedDemo) await seedDemo(ds, log);
  if (opts.firstAdmin) await bootstrapFirstAdmin(ds, opts.firstAdmin, log);
  // one relay publishes the platform's outbox: audit records of its API and of sign-ins
  const relay = startOutboxRelay(ds, bus, log);
  const sess = await startSessions(cfg, ds, bus, log, opts.session, { ds, kick: () => relay.kick() });
  const releases = new ReleaseService(new ReleaseRepository(ds), { fourEyes: opts.fourEyes ?? false });
  const menus = new MenuService(ds, releases);
  const audit = new AuditService(ds);
  // every service's audit records land here, one hash-chained append each
  const auditConsumer = await consumeEvent({
    bus,
    ds,
    log,
    durable: 'platform-audit',
    event: auditRecorded,
    handle: async (m, entry, envelope, { subject }) => {
      // the subject is the publisher NATS let through; a record claiming another service's name
      // is kept (nothing is dropped) under its real publisher, marked
      const publisher = auditPublisher(subject);
      const legacy = publisher === 'recorded'; // `evt.audit.recorded`, before per-service subjects
      if (publisher && !legacy && publisher !== entry.service) {
        log.warn(
          { publisher, claimed: entry.service, id: envelope.id },
          'audit record names another service',
        );
        entry = {
          ...entry,
          service: publisher,
          result: 'SPOOFED_SERVICE',
          input: { claimedService: entry.service, input: entry.input },
        };
      }
      await audit.append(m, entry, envelope);
    },
  });
  const running = await startService({
    name: 'platform',
    version: pkg.version,
    bus,
    log,
    outbox: { ds, relay },
    routes: [
      ...platformRoutes(menus, releases, new DevOverrideService(cfg.ZY_INTERNAL_SECRET), bus, audit),
      ...sess.routes,
      ...adminRoutes(adminServices(ds, sess.sessions), audit, bus),
    ],
    internal: [...platformAnswers(releases, ds), ...sess.answers],
  });
  return {
    ds,
    releases,
    audit,
    /** Ends sessions and marks access changed (the admin API's `SessionControl`). */
    sessions: sess.sessions,
    async stop() {
      sess.stop();
      await running.stop();
      await relay.stop();
      await auditConsumer.stop();
      await ds.destroy();
    },
  };
}
