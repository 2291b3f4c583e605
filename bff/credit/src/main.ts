import { BaseConfig, connectBus, createLogger, loadConfig, runMain } from '@zhanye/kit';
import { startCreditService } from './app.ts';

runMain('credit', async () => {
  const cfg = loadConfig(BaseConfig);
  const log = createLogger('credit', cfg.LOG_LEVEL);
  const bus = await connectBus(cfg, 'credit', log);
  const svc = await startCreditService(cfg, bus, log);
  return {
    log,
    async stop() {
      await svc.stop();
      await bus.nc.drain();
    },
  };
});
