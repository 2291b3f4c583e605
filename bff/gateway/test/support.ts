import type { AddressInfo } from 'node:net';
import { type Bus, connectBus, createLogger, type Logger, loadConfig } from '@zhanye/kit';
import { dropNamespace, testConfig } from '@zhanye/kit/testing';
import { createGateway } from '../src/app.ts';
import { GatewayConfig } from '../src/config.ts';

/** A gateway config in a fresh namespace; `env` overrides any variable. */
export function gatewayTestConfig(env: Record<string, string> = {}): GatewayConfig {
  return loadConfig(GatewayConfig, {
    ...process.env,
    ZY_NS: testConfig().ZY_NS,
    LOG_LEVEL: 'silent',
    ...env,
  });
}

export interface TestGateway {
  bus: Bus;
  log: Logger;
  url: string;
  /** Stops the gateway, then `stops` in reverse order, drops the namespace, closes NATS. */
  close(stops?: (() => Promise<void>)[]): Promise<void>;
}

/** Connects to NATS and serves the gateway on a free loopback port; services are the test's to start. */
export async function startTestGateway(cfg: GatewayConfig, name: string): Promise<TestGateway> {
  const log = createLogger(name, 'silent');
  const bus = await connectBus(cfg, name, log);
  const server = createGateway(cfg, bus, log).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    bus,
    log,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close(stops = []) {
      await new Promise<void>((r) => server.close(() => r()));
      for (const stop of [...stops].reverse()) await stop();
      await dropNamespace(cfg, bus);
      await bus.nc.drain();
    },
  };
}

/** Signs in like a browser: the session and CSRF cookies as a `cookie` header, and the CSRF token. */
export async function signIn(url: string, username: string, password = 'Zhanye@2026') {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const setCookies = res.headers.getSetCookie();
  const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
  return { res, setCookies, cookie, csrf: /zy_csrf=([^;]+)/.exec(cookie)?.[1] ?? '' };
}
