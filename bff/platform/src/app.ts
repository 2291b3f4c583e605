import { auditRecorded } from '@zhanye/contracts';
import {
  type BaseConfig,
  type Bus,
  consumeEvent,
  type Logger,
  openDatabase,
  startService,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { MenuService } from './access/menu.service.ts';
import { AuditService } from './audit/audit.service.ts';
import { platformAnswers, platformRoutes } from './handlers.ts';
import { IdentityRepository } from './identity/identity.repository.ts';
import { IdentityService } from './identity/identity.service.ts';
import { Platform1764200000000 } from './migrations/1764200000000-platform.ts';
import { ReleaseControl1764900000000 } from './migrations/1764900000000-release-control.ts';
import { Audit1765100000000 } from './migrations/1765100000000-audit.ts';
import { DevOverrideService } from './registry/dev-override.service.ts';
import { ReleaseRepository } from './registry/release.repository.ts';
import { ReleaseService } from './registry/release.service.ts';
import { bootstrapFirstAdmin, type FirstAdmin } from './seed/bootstrap-admin.ts';
import { seedDemo } from './seed/demo.seed.ts';

/** Composition root of the platform service (identity, orgs, roles, menus, release control plane). */
export async function startPlatformService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { seedDemo?: boolean; fourEyes?: boolean; firstAdmin?: FirstAdmin | undefined } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'platform',
    entities: [],
    migrations: [Platform1764200000000, ReleaseControl1764900000000, Audit1765100000000],
    log,
  });
  if (opts.seedDemo) await seedDemo(ds, log);
  if (opts.firstAdmin) await bootstrapFirstAdmin(ds, opts.firstAdmin, log);
  const identity = new IdentityService(new IdentityRepository(ds), log);
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
    handle: async (m, entry, envelope) => void (await audit.append(m, entry, envelope)),
  });
  const running = await startService({
    name: 'platform',
    version: pkg.version,
    bus,
    log,
    routes: platformRoutes(menus, releases, new DevOverrideService(cfg.ZY_INTERNAL_SECRET), bus, audit),
    internal: platformAnswers(identity, releases),
  });
  return {
    ds,
    releases,
    audit,
    async stop() {
      await running.stop();
      await auditConsumer.stop();
      await ds.destroy();
    },
  };
}
