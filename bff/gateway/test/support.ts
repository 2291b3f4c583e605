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
  /** Stops the gateway, then `stops` in reverse order, drops the namespace (unless kept), closes NATS. */
  close(stops?: (() => Promise<void>)[], opts?: { keepNamespace?: boolean }): Promise<void>;
}

/** Connects to NATS and serves the gateway on a free loopback port; services are the test's to start. */
export async function startTestGateway(cfg: GatewayConfig, name: string): Promise<TestGateway> {
  const log = createLogger(name, (process.env.TEST_LOG as 'error') ?? 'silent');
  const bus = await connectBus(cfg, name, log);
  const server = createGateway(cfg, bus, log).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    bus,
    log,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close(stops = [], opts = {}) {
      await new Promise<void>((r) => server.close(() => r()));
      for (const stop of [...stops].reverse()) await stop();
      if (!opts.keepNamespace) await dropNamespace(cfg, bus);
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

/**
 * A browser-like client for session tests: keeps cookies by name (a later Set-Cookie replaces,
 * an expired one removes), sends the CSRF header on mutations, and never refreshes by itself.
 */
export class Browser {
  readonly jar = new Map<string, string>();
  constructor(readonly url: string) {}

  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get csrf() {
    return this.jar.get('zy_csrf') ?? this.jar.get('__Host-zy_csrf') ?? '';
  }
  get refreshToken() {
    return this.jar.get('zy_refresh') ?? '';
  }

  store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1);
      const gone = attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (gone || !value) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async send(method: string, path: string, body?: unknown, opts: { csrf?: boolean } = {}) {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && opts.csrf !== false) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    this.store(res);
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: json, res };
  }

  get(path: string) {
    return this.send('GET', path);
  }
  post(path: string, body: unknown = {}, opts: { csrf?: boolean } = {}) {
    return this.send('POST', path, body, opts);
  }
  login(username: string, password = 'Zhanye@2026') {
    return this.post('/api/auth/login', { username, password });
  }
  refresh() {
    return this.post('/api/auth/refresh');
  }
  /** A copy of this browser's cookies (another tab, or a thief). */
  clone(): Browser {
    const b = new Browser(this.url);
    for (const [k, v] of this.jar) b.jar.set(k, v);
    return b;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
