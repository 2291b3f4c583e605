import { BaseConfig, connectBus, createLogger, loadConfig, runMain } from '@zhanye/kit';
import { startCustomerService } from './app.ts';

runMain('customer', async () => {
  const cfg = loadConfig(BaseConfig);
  const log = createLogger('customer', cfg.LOG_LEVEL);
  const bus = await connectBus(cfg, 'customer', log);
  const svc = await startCustomerService(cfg, bus, log);
  return {
    log,
    async stop() {
      await svc.stop();
      await bus.nc.drain();
    },
  };
});
