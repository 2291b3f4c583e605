import {
  type AppRollout,
  domainNames,
  Permissions as P,
  platformApi,
  registerReleaseCall,
} from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger, systemPrincipal } from '@zhanye/kit';
import { dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformService } from '../src/app.ts';
import { api, ok, release, users } from './support.ts';

const cfg = testConfig();
const log = createLogger('release-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;
let a: ReturnType<typeof api>;
const { am1, bam1, approver1, admin } = users;
/** The union's release manager: registers, owns the shared rules, promotes and rolls back. */
const rel = users.union1;

beforeAll(async () => {
  bus = await connectBus(cfg, 'release-test', log);
  platform = await startPlatformService(cfg, bus, log, { seedDemo: true });
  a = api(bus);
});
afterAll(async () => {
  await platform?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('release control plane', () => {
  it('refuses an app release while no shell is the default', async () => {
    const res = await a.register(rel, release('mf-credit', '1.0.0'));
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('INCOMPATIBLE');
    expect(res.body.error.message).toMatch(/no shell release is the default yet; release the shell first/);
  });

  it('release tooling registers and activates through the internal subject; nobody else may', async () => {
    await expect(
      callService(
        bus,
        registerReleaseCall,
        { ...release('shell', '1.0.0'), activate: true },
        admin,
        'gateway',
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const sys = systemPrincipal('release');
    const first = await callService(
      bus,
      registerReleaseCall,
      { ...release('shell', '1.0.0'), activate: true },
      sys,
      'release',
    );
    expect(first).toEqual({ ok: true, created: true, activated: true });
    const again = await callService(
      bus,
      registerReleaseCall,
      { ...release('shell', '1.0.0'), activate: true },
      sys,
      'release',
    );
    expect(again).toEqual({ ok: true, created: false, activated: false });
    const credit = await callService(
      bus,
      registerReleaseCall,
      { ...release('mf-credit', '1.0.0'), activate: true },
      sys,
      'release',
    );
    expect(credit.activated).toBe(true);
    expect(await a.versionFor(am1)).toBe('1.0.0');
    expect(await a.versionFor(bam1)).toBe('1.0.0');
  });

  it('the gate refuses an incompatible release and says what to change', async () => {
    const react20 = await a.register(
      rel,
      release('mf-credit', '2.0.0', { shared: { react: '^20.0.0', 'react-dom': '^19.3.1' } }),
    );
    expect(react20.status).toBe(409);
    expect(react20.body.error.reason).toBe('INCOMPATIBLE');
    expect(react20.body.error.message).toBe(
      'mf-credit 2.0.0 needs react ^20.0.0 but the shell provides 19.3.1: build against react ^19.3.1, ' +
        'or release a shell that provides react ^20.0.0',
    );
    const contract2 = await a.register(rel, release('mf-credit', '2.0.0', { contractVersion: '2.0.0' }));
    expect(contract2.status).toBe(409);
    expect(contract2.body.error.message).toMatch(
      /targets mount contract 2\.0\.0 but the shell 1\.0\.0 implements 1\.0\.0: build against mount contract 1\.x/,
    );
    const notProvided = await a.register(
      rel,
      release('mf-credit', '2.0.0', { shared: { 'left-pad': '^1.0.0' } }),
    );
    expect(notProvided.body.error.message).toMatch(
      /needs left-pad \^1\.0\.0 but the shell 1\.0\.0 does not provide it/,
    );
    // nothing of the refused version was recorded
    const [credit] = ok<{ apps: AppRollout[] }>(await a.rollout(rel, 'mf-credit')).apps;
    expect(credit!.releases.map((r) => r.version)).toEqual(['1.0.0']);
  });

  it('an app release needs its scope, route and a manifest inside its own version folder', async () => {
    const res = await a.register(
      rel,
      release('mf-credit', '2.0.0', {
        manifestUrl: '/apps/mf-credit/1.0.0/mf-manifest.json',
        scope: undefined,
      }),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['manifestUrl', 'scope']);
  });

  it('releases are immutable: identical metadata is idempotent, different metadata 409', async () => {
    const r2 = release('mf-credit', '2.0.0');
    const first = ok<{ version: string; registeredBy: string }>(await a.register(rel, r2));
    expect(first).toMatchObject({ version: '2.0.0', registeredBy: 'u-union1' });
    expect((await a.register(rel, r2)).status).toBe(200);
    // commit and build time are provenance: the same files from another checkout are the same release
    expect(
      (await a.register(rel, { ...r2, commit: 'other', builtAt: new Date().toISOString() })).status,
    ).toBe(200);
    const changed = await a.register(rel, {
      ...r2,
      integrity: { ...r2.integrity, 'remoteEntry.js': 'sha384-different' },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error.reason).toBe('IMMUTABLE');
    expect(changed.body.error.message).toMatch(/already registered with different files \(1 of 2 differ\)/);
    const [credit] = ok<{ apps: AppRollout[] }>(await a.rollout(rel, 'mf-credit')).apps;
    expect(credit!.history.filter((e) => e.action === 'register' && e.version === '2.0.0')).toHaveLength(1);
    expect(credit!.releases[0]).toMatchObject({ version: '2.0.0', commit: 'c0ffee' });
  });

  it('a rule needs a registered version, and the shell takes only a default rule', async () => {
    const missing = await a.rule(rel, { app: 'mf-credit', version: '9.9.9', kind: 'default' });
    expect(missing.status).toBe(404);
    const noTarget = await a.rule(rel, { app: 'mf-credit', version: '2.0.0', kind: 'bank' });
    expect(noTarget.status).toBe(400);
    const shellCanary = await a.rule(rel, { app: 'shell', version: '1.0.0', kind: 'percent', percent: 5 });
    expect(shellCanary.status).toBe(400);
  });

  it('a bank canary: its users get the new version, the other bank the default; pause falls through', async () => {
    const rule = ok<{ id: string; state: string }>(
      await a.rule(admin, { app: 'mf-credit', version: '2.0.0', kind: 'bank', target: 'bank-a' }),
    );
    expect(rule.state).toBe('active');
    expect(await a.versionFor(am1)).toBe('2.0.0');
    expect(await a.versionFor(bam1)).toBe('1.0.0');
    expect(ok<{ state: string }>(await a.pause(admin, rule.id)).state).toBe('paused');
    expect(await a.versionFor(am1)).toBe('1.0.0');
    expect((await a.pause(admin, rule.id)).status).toBe(409);
    expect(ok<{ state: string }>(await a.resume(admin, rule.id)).state).toBe('active');
    expect(await a.versionFor(am1)).toBe('2.0.0');
  });

  it('a role rule applies to holders of the role; a bank rule comes first', async () => {
    ok(await a.register(rel, release('mf-credit', '3.0.0')));
    ok(await a.rule(rel, { app: 'mf-credit', version: '3.0.0', kind: 'role', target: 'approver' }));
    expect(await a.versionFor(approver1)).toBe('2.0.0'); // bank-a's canary still wins
    const bApprover = { ...approver1, userId: 'u-bapprover1', bankId: 'bank-b' };
    expect(await a.versionFor(bApprover)).toBe('3.0.0');
    expect(await a.versionFor(bam1)).toBe('1.0.0');
  });

  it('rollback retires the canaries: everyone gets the default again', async () => {
    const body = ok<AppRollout>(await a.rollback(rel, 'mf-credit'));
    expect(body.rules.filter((r) => r.state === 'active').map((r) => [r.kind, r.version])).toEqual([
      ['default', '1.0.0'],
    ]);
    for (const u of [am1, bam1, approver1]) expect(await a.versionFor(u)).toBe('1.0.0');
    expect(body.history[0]).toMatchObject({ action: 'rollback', version: '1.0.0', actor: 'u-union1' });
  });

  it('promote makes a version everybody’s default; rollback returns everyone to the previous one', async () => {
    ok(await a.rule(rel, { app: 'mf-credit', version: '3.0.0', kind: 'bank', target: 'bank-b' }));
    const promoted = ok<AppRollout>(await a.promote(rel, 'mf-credit', '2.0.0'));
    expect(promoted.rules.filter((r) => r.state === 'active').map((r) => [r.kind, r.version])).toEqual([
      ['default', '2.0.0'],
    ]);
    for (const u of [am1, bam1, approver1]) expect(await a.versionFor(u)).toBe('2.0.0');
    const back = ok<AppRollout>(await a.rollback(rel, 'mf-credit'));
    expect(back.history[0]).toMatchObject({ action: 'rollback', version: '1.0.0' });
    for (const u of [am1, bam1, approver1]) expect(await a.versionFor(u)).toBe('1.0.0');
    // to a named version
    ok(await a.rollback(rel, 'mf-credit', '3.0.0'));
    expect(await a.versionFor(bam1)).toBe('3.0.0');
    ok(await a.rollback(rel, 'mf-credit', '1.0.0'));
    expect(await a.versionFor(bam1)).toBe('1.0.0');
    expect((await a.rollback(rel, 'mf-credit', '7.7.7')).status).toBe(404);
  });

  it('a percent canary is sticky per user and reaches about its share of users', async () => {
    const sys = systemPrincipal('release');
    await callService(
      bus,
      registerReleaseCall,
      { ...release('mf-customer', '1.0.0'), activate: true },
      sys,
      'release',
    );
    ok(await a.register(rel, release('mf-customer', '1.1.0')));
    ok(await a.rule(rel, { app: 'mf-customer', version: '1.1.0', kind: 'percent', percent: 20 }));
    const n = 1000;
    let canary = 0;
    for (let i = 0; i < n; i++) {
      const who = principal({ userId: `synthetic-${i}`, permissions: [P.customerRead] });
      const [first] = await platform.releases.resolve(who, ['mf-customer']);
      const [second] = await platform.releases.resolve(who, ['mf-customer']);
      expect(second!.version).toBe(first!.version);
      if (first!.version === '1.1.0') canary++;
    }
    expect(Math.abs(canary / n - 0.2)).toBeLessThan(0.05);
    // over the API too: the same user, the same answer
    const v = await a.versionFor(am1, 'mf-customer');
    for (let i = 0; i < 3; i++) expect(await a.versionFor(am1, 'mf-customer')).toBe(v);
  });

  it('a new rule of the same kind and target retires the old one', async () => {
    ok(await a.rule(rel, { app: 'mf-customer', version: '1.1.0', kind: 'percent', percent: 60 }));
    const [customer] = ok<{ apps: AppRollout[] }>(await a.rollout(rel, 'mf-customer')).apps;
    const percent = customer!.rules.filter((r) => r.kind === 'percent');
    expect(percent.map((r) => [r.percent, r.state])).toEqual([
      [60, 'active'],
      [20, 'retired'],
    ]);
    expect(percent[0]!.requestedBy).toBe('u-union1');
  });

  it('a shell that cannot host the live apps does not become the default', async () => {
    const shell2 = release('shell', '2.0.0', {
      provides: { react: '20.0.0', 'react-dom': '20.0.0', antd: '6.6.8' },
    });
    ok(await a.register(rel, shell2));
    const res = await a.rule(rel, { app: 'shell', version: '2.0.0', kind: 'default' });
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('INCOMPATIBLE');
    expect(res.body.error.message).toMatch(
      /^shell 2\.0\.0 cannot become the default.*mf-credit 1\.0\.0 needs react/,
    );
  });

  it('resolves only apps behind the user’s pages, never the shell; the admin sees the release page', async () => {
    const me = ok<{ menus: { id: string; children: { id: string; app?: string }[] }[] }>(
      await a.call(admin, 'GET', '/me'),
    );
    const adminDir = me.menus.find((m) => m.id === 'm-admin');
    expect(adminDir?.children).toEqual([expect.objectContaining({ id: 'm-admin-releases', app: 'shell' })]);
    const remotes = ok<{ remotes: { app: string }[] }>(await a.call(admin, 'GET', '/registry')).remotes;
    expect(remotes.map((r) => r.app)).toEqual(['mf-credit']);
    const amMe = ok<{ menus: { id: string }[] }>(await a.call(am1, 'GET', '/me'));
    expect(amMe.menus.map((m) => m.id)).not.toContain('m-admin');
  });

  it('history, rules and releases per app; every operation left an event', async () => {
    const { apps } = ok<{ apps: AppRollout[] }>(await a.rollout(rel));
    expect(apps.map((x) => x.app)).toEqual(['mf-credit', 'mf-customer', 'shell']);
    const credit = apps[0]!;
    expect(credit.history.length).toBeLessThanOrEqual(50);
    const actions = new Set(credit.history.map((e) => e.action));
    for (const action of [
      'register',
      'rule.create',
      'rule.pause',
      'rule.resume',
      'rule.retire',
      'promote',
      'rollback',
      'default',
    ]) {
      expect(actions).toContain(action);
    }
    expect(credit.history.map((e) => Number(e.id))).toEqual(
      [...credit.history.map((e) => Number(e.id))].sort((x, y) => y - x),
    );
  });

  it('lists the running services and their instances', async () => {
    const { services } = ok<{ services: { name: string; instances: { version: string }[] }[] }>(
      await a.call(admin, 'GET', '/services'),
    );
    // every declared domain, the platform first
    expect(services.map((s) => s.name)).toEqual(domainNames());
    expect(services[0]!.name).toBe('platform');
    expect(services[0]!.instances).toHaveLength(1);
    expect(services[0]!.instances[0]!.version).toBe('0.1.0');
    expect(services[1]!.instances).toEqual([]);
  });

  it('every release endpoint needs its permission (403 for an account manager)', async () => {
    const calls: [string, number][] = [];
    const endpoints = [
      ['registerRelease', () => a.register(am1, release('mf-credit', '4.0.0'))],
      ['rollout', () => a.rollout(am1)],
      ['createRule', () => a.rule(am1, { app: 'mf-credit', version: '1.0.0', kind: 'default' })],
      ['approveRule', () => a.approve(am1, '1')],
      ['pauseRule', () => a.pause(am1, '1')],
      ['resumeRule', () => a.resume(am1, '1')],
      ['promote', () => a.promote(am1, 'mf-credit', '1.0.0')],
      ['rollback', () => a.rollback(am1, 'mf-credit')],
      ['services', () => a.call(am1, 'GET', '/services')],
    ] as const;
    for (const [name, run] of endpoints) calls.push([name, (await run()).status]);
    expect(calls).toEqual(endpoints.map(([name]) => [name, 403]));
    // every release endpoint of the contract is covered above
    const releaseEndpoints = Object.entries(platformApi)
      .filter(([, e]) => e.permission?.startsWith('platform:release:'))
      .map(([k]) => k)
      .sort();
    expect(releaseEndpoints).toEqual(endpoints.map(([n]) => n).sort());
  });
});
