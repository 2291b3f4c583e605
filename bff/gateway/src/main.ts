import { assertProductionReady, connectBus, createLogger, loadConfig, runMain } from '@zhanye/kit';
import { createGateway } from './app.ts';
import { GatewayConfig } from './config.ts';

runMain('gateway', async () => {
  assertProductionReady(process.env, 'gateway');
  const cfg = loadConfig(GatewayConfig);
  const log = createLogger('gateway', cfg.LOG_LEVEL);
  const bus = await connectBus(cfg, 'gateway', log);
  const app = createGateway(cfg, bus, log);
  const server = app.listen(cfg.PORT, cfg.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  log.info({ url: `http://${cfg.HOST}:${cfg.PORT}` }, 'gateway listening');
  return {
    log,
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      await bus.nc.drain();
    },
  };
});
