import { Permissions as P, type RemoteEntry, registerReleaseCall } from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger, systemPrincipal } from '@zhanye/kit';
import { dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformService } from '../src/app.ts';
import { api, ok, release, users } from './support.ts';

const cfg = testConfig();
const log = createLogger('dev-override-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;
let a: ReturnType<typeof api>;
const LOCAL = 'http://localhost:3102/mf-manifest.json';

const developer = (userId: string) =>
  principal({
    userId,
    username: userId.replace('u-', ''),
    roles: ['developer'],
    dataScope: 'bank',
    permissions: [P.applicationRead, P.devOverride],
  });
const dev1 = developer('u-dev1');
const dev2 = developer('u-dev2');

beforeAll(async () => {
  bus = await connectBus(cfg, 'dev-override-test', log);
  platform = await startPlatformService(cfg, bus, log, { seedDemo: true });
  a = api(bus);
  const sys = systemPrincipal('release');
  for (const app of ['shell', 'mf-credit']) {
    await callService(bus, registerReleaseCall, { ...release(app, '1.0.0'), activate: true }, sys, 'release');
  }
});
afterAll(async () => {
  await platform?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

const creditFor = async (who: typeof dev1, overrides?: string) =>
  ok<{ remotes: RemoteEntry[] }>(
    await a.call(who, 'GET', '/registry', overrides ? { overrides } : {}),
  ).remotes.find((r) => r.app === 'mf-credit');

describe('developer override', () => {
  let token = '';

  it('grants a signed, expiring override to a developer for a build on localhost', async () => {
    const res = await a.call(dev1, 'POST', '/dev-overrides', {
      app: 'mf-credit',
      manifestUrl: LOCAL,
      minutes: 30,
    });
    const grant = ok<{ token: string; expiresAt: string }>(res);
    token = grant.token;
    expect(new Date(grant.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
  });

  it('refuses a URL off this machine (400) and a caller without the permission (403)', async () => {
    const far = await a.call(dev1, 'POST', '/dev-overrides', {
      app: 'mf-credit',
      manifestUrl: 'https://evil.example/mf-manifest.json',
    });
    expect(far.status).toBe(400);
    expect(Object.keys(far.body.error.fields)).toEqual(['manifestUrl']);
    const am1 = await a.call(users.am1, 'POST', '/dev-overrides', { app: 'mf-credit', manifestUrl: LOCAL });
    expect(am1.status).toBe(403);
  });

  it('points only that developer’s registry answer at the local build, marked for the banner', async () => {
    expect((await creditFor(dev1))?.manifestUrl).toBe('/apps/mf-credit/1.0.0/mf-manifest.json');
    const overridden = await creditFor(dev1, token);
    expect(overridden).toMatchObject({ manifestUrl: LOCAL, version: 'dev', override: { by: 'dev1' } });
  });

  it('ignores the token for anyone else, and an expired or forged one', async () => {
    expect((await creditFor(dev2, token))?.manifestUrl).toBe('/apps/mf-credit/1.0.0/mf-manifest.json');
    // tenancy: an override is its developer's alone, so another bank's developer gets nothing of it
    const otherBank = principal({
      ...developer('u-bdev1'),
      bankId: 'bank-b',
      orgId: 'b-hq',
      orgPath: '/bank-b/b-hq/',
    });
    expect((await creditFor(otherBank, token))?.manifestUrl).toBe('/apps/mf-credit/1.0.0/mf-manifest.json');
    const am1 = principal({ ...users.am1, permissions: [P.applicationRead] });
    expect((await creditFor(am1, token))?.manifestUrl).toBe('/apps/mf-credit/1.0.0/mf-manifest.json');
    const key = new TextEncoder().encode(`${cfg.ZY_INTERNAL_SECRET}:dev-override`);
    const expired = await new SignJWT({ app: 'mf-credit', url: LOCAL })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('zy-dev-override')
      .setSubject('u-dev1')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(key);
    expect((await creditFor(dev1, expired))?.manifestUrl).toBe('/apps/mf-credit/1.0.0/mf-manifest.json');
    const forged = await new SignJWT({ app: 'mf-credit', url: LOCAL })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('zy-dev-override')
      .setSubject('u-dev1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret-entirely'));
    expect((await creditFor(dev1, forged))?.manifestUrl).toBe('/apps/mf-credit/1.0.0/mf-manifest.json');
  });
});
