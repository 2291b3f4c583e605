import { type BaseConfig, type Bus, type Logger, openDatabase, startService } from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { MenuService } from './access/menu.service.ts';
import { platformAnswers, platformRoutes } from './handlers.ts';
import { IdentityRepository } from './identity/identity.repository.ts';
import { IdentityService } from './identity/identity.service.ts';
import { Platform1764200000000 } from './migrations/1764200000000-platform.ts';
import { seedDemo } from './seed/demo.seed.ts';

/** Composition root of the platform service (identity, orgs, roles, menus, app registry). */
export async function startPlatformService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { seedDemo?: boolean } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'platform',
    entities: [],
    migrations: [Platform1764200000000],
    log,
  });
  if (opts.seedDemo) await seedDemo(ds, log);
  const identity = new IdentityService(new IdentityRepository(ds), log);
  const menus = new MenuService(ds);
  const running = await startService({
    name: 'platform',
    version: pkg.version,
    bus,
    log,
    routes: platformRoutes(menus),
    internal: platformAnswers(identity, menus),
  });
  return {
    ds,
    async stop() {
      await running.stop();
      await ds.destroy();
    },
  };
}
