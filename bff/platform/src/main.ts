import { BaseConfig, serviceMain } from '@zhanye/kit';
import { z } from 'zod';
import { startPlatformService } from './app.ts';

const Config = BaseConfig.extend({
  /** Load the demo banks, users and menus (idempotent). Never in production. */
  ZY_SEED_DEMO: z.enum(['0', '1']).default('0'),
  /** Four-eyes release control: new activation rules wait for another approver. */
  ZY_RELEASE_FOUR_EYES: z.enum(['0', '1']).default('0'),
  /** First run only (no user exists yet): the union's first administrator. No default password. */
  ZY_ADMIN_USERNAME: z.string().optional(),
  ZY_ADMIN_PASSWORD: z.string().optional(),
});

serviceMain(
  'platform',
  (cfg, bus, log) =>
    startPlatformService(cfg, bus, log, {
      seedDemo: cfg.ZY_SEED_DEMO === '1',
      fourEyes: cfg.ZY_RELEASE_FOUR_EYES === '1',
      firstAdmin:
        cfg.ZY_ADMIN_USERNAME && cfg.ZY_ADMIN_PASSWORD
          ? { username: cfg.ZY_ADMIN_USERNAME, password: cfg.ZY_ADMIN_PASSWORD }
          : undefined,
    }),
  Config,
);
