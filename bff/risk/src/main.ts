import { serviceMain } from '@zhanye/kit';
import { startRiskService } from './app.ts';

// demo data (a relation graph and a few warnings) only when the stack is started with it
serviceMain('risk', (cfg, bus, log) =>
  startRiskService(cfg, bus, log, {
    seedDemo: process.env.ZY_SEED_DEMO === '1' && process.env.ZY_ENV !== 'production',
  }),
);
