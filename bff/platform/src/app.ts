import { type BaseConfig, type Bus, type Logger, openDatabase, startService } from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { MenuService } from './access/menu.service.ts';
import { platformAnswers, platformRoutes } from './handlers.ts';
import { IdentityRepository } from './identity/identity.repository.ts';
import { IdentityService } from './identity/identity.service.ts';
import { Platform1764200000000 } from './migrations/1764200000000-platform.ts';
import { ReleaseControl1764900000000 } from './migrations/1764900000000-release-control.ts';
import { DevOverrideService } from './registry/dev-override.service.ts';
import { ReleaseRepository } from './registry/release.repository.ts';
import { ReleaseService } from './registry/release.service.ts';
import { seedDemo } from './seed/demo.seed.ts';

/** Composition root of the platform service (identity, orgs, roles, menus, release control plane). */
export async function startPlatformService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { seedDemo?: boolean; fourEyes?: boolean } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'platform',
    entities: [],
    migrations: [Platform1764200000000, ReleaseControl1764900000000],
    log,
  });
  if (opts.seedDemo) await seedDemo(ds, log);
  const identity = new IdentityService(new IdentityRepository(ds), log);
  const releases = new ReleaseService(new ReleaseRepository(ds), { fourEyes: opts.fourEyes ?? false });
  const menus = new MenuService(ds, releases);
  const running = await startService({
    name: 'platform',
    version: pkg.version,
    bus,
    log,
    routes: platformRoutes(menus, releases, new DevOverrideService(cfg.ZY_INTERNAL_SECRET), bus),
    internal: platformAnswers(identity, releases),
  });
  return {
    ds,
    releases,
    async stop() {
      await running.stop();
      await ds.destroy();
    },
  };
}
