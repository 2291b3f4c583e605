import { type AppRollout, registerReleaseCall } from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger, openDatabase, systemPrincipal } from '@zhanye/kit';
import { dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformService } from '../src/app.ts';
import { Platform1764200000000 } from '../src/migrations/1764200000000-platform.ts';
import { api, ok, release, users } from './support.ts';

const cfg = testConfig();
const log = createLogger('migration-test', 'silent');
let bus: Bus;
let stop: () => Promise<void>;
let a: ReturnType<typeof api>;

beforeAll(async () => {
  bus = await connectBus(cfg, 'migration-test', log);
  // a registry as the walking skeleton left it: releases without metadata, one flagged active
  const old = await openDatabase({
    cfg,
    service: 'platform',
    entities: [],
    migrations: [Platform1764200000000],
    log,
  });
  await old.query(
    `INSERT INTO app_release (app, version, scope, manifest_url, route, active, registered_by, created_at)
     VALUES ('mf-credit', '1.0.0', 'mf_credit', '/apps/mf-credit/1.0.0/mf-manifest.json', '/credit', 1, 'system:release', UTC_TIMESTAMP(3)),
            ('mf-credit', '0.9.0', 'mf_credit', '/apps/mf-credit/0.9.0/mf-manifest.json', '/credit', 0, 'system:release', UTC_TIMESTAMP(3))`,
  );
  await old.destroy();
  stop = (await startPlatformService(cfg, bus, log, { seedDemo: true })).stop;
  a = api(bus);
});
afterAll(async () => {
  await stop?.();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('migrating the registry to release control', () => {
  it('the old active release becomes the default rule; users keep getting it', async () => {
    expect(await a.versionFor(users.am1)).toBe('1.0.0');
    const [credit] = ok<{ apps: AppRollout[] }>(await a.rollout(users.admin, 'mf-credit')).apps;
    expect(credit!.rules.map((r) => [r.kind, r.version, r.state])).toEqual([['default', '1.0.0', 'active']]);
  });

  it('a release without metadata cannot go live again until it is registered with it', async () => {
    const sys = systemPrincipal('release');
    await callService(
      bus,
      registerReleaseCall,
      { ...release('shell', '1.0.0'), activate: true },
      sys,
      'release',
    );
    const res = await a.rule(users.admin, {
      app: 'mf-credit',
      version: '0.9.0',
      kind: 'bank',
      target: 'bank-a',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/registered without build metadata: release it again/);
    // the first full registration fills the metadata in; from then on it is immutable
    const filled = await callService(
      bus,
      registerReleaseCall,
      { ...release('mf-credit', '0.9.0'), activate: false },
      sys,
      'release',
    );
    expect(filled).toMatchObject({ created: true, activated: false });
    ok(await a.rule(users.admin, { app: 'mf-credit', version: '0.9.0', kind: 'bank', target: 'bank-a' }));
    expect(await a.versionFor(users.am1)).toBe('0.9.0');
    const changed = await a.register(
      users.union1,
      release('mf-credit', '0.9.0', { commit: 'x', contractVersion: '1.1.0' }),
    );
    expect(changed.body.error.reason).toBe('IMMUTABLE');
  });
});
