import { BaseConfig, connectBus, createLogger, loadConfig, runMain } from '@zhanye/kit';
import { startRiskService } from './app.ts';

runMain('risk', async () => {
  const cfg = loadConfig(BaseConfig);
  const log = createLogger('risk', cfg.LOG_LEVEL);
  const bus = await connectBus(cfg, 'risk', log);
  const svc = await startRiskService(cfg, bus, log);
  return {
    log,
    async stop() {
      await svc.stop();
      await bus.nc.drain();
    },
  };
});
