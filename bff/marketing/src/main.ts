import { connectBus, createLogger, loadConfig, runMain } from '@zhanye/kit';
import { startMarketingService } from './app.ts';
import { MarketingConfig } from './config.ts';

runMain('marketing', async () => {
  const cfg = loadConfig(MarketingConfig);
  const log = createLogger('marketing', cfg.LOG_LEVEL);
  const bus = await connectBus(cfg, 'marketing', log);
  const svc = await startMarketingService(cfg, bus, log);
  return {
    log,
    async stop() {
      await svc.stop();
      await bus.nc.drain();
    },
  };
});
