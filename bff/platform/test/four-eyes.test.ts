import { type AppRollout, type RolloutRule, registerReleaseCall } from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger, systemPrincipal } from '@zhanye/kit';
import { dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformService } from '../src/app.ts';
import { api, ok, release, users } from './support.ts';

const cfg = testConfig();
const log = createLogger('four-eyes-test', 'silent');
let bus: Bus;
let stop: () => Promise<void>;
let a: ReturnType<typeof api>;
const { am1, bam1, admin, admin2, union1, union2 } = users;

beforeAll(async () => {
  bus = await connectBus(cfg, 'four-eyes-test', log);
  stop = (await startPlatformService(cfg, bus, log, { seedDemo: true, fourEyes: true })).stop;
  a = api(bus);
  // bootstrapping a namespace (release tooling, nobody signed in) activates without approval
  const sys = systemPrincipal('release');
  for (const r of [release('shell', '1.0.0'), release('mf-credit', '1.0.0')]) {
    await callService(bus, registerReleaseCall, { ...r, activate: true }, sys, 'release');
  }
  ok(await a.register(union1, release('mf-credit', '2.0.0')));
});
afterAll(async () => {
  await stop?.();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('four-eyes release control (ZY_RELEASE_FOUR_EYES=1)', () => {
  it('a new rule waits for approval; its requester cannot approve it; another approver can', async () => {
    const rule = ok<RolloutRule>(
      await a.rule(admin, { app: 'mf-credit', version: '2.0.0', kind: 'bank', target: 'bank-a' }),
    );
    expect(rule).toMatchObject({ state: 'pending_approval', requestedBy: 'u-admin', approvedBy: null });
    expect(await a.versionFor(am1)).toBe('1.0.0');
    expect((await a.pause(admin, rule.id)).status).toBe(409);

    const self = await a.approve(admin, rule.id);
    expect(self.status).toBe(403);
    expect(self.body.error.reason).toBe('FOUR_EYES');
    expect(await a.versionFor(am1)).toBe('1.0.0');

    const approved = ok<RolloutRule>(await a.approve(admin2, rule.id));
    expect(approved).toMatchObject({ state: 'active', approvedBy: 'u-admin2' });
    expect(await a.versionFor(am1)).toBe('2.0.0');
    expect(await a.versionFor(bam1)).toBe('1.0.0');
    expect((await a.approve(admin2, rule.id)).status).toBe(409);
  });

  it('a promote waits for approval too, and retires the canaries once approved', async () => {
    const pending = ok<AppRollout>(await a.promote(union2, 'mf-credit', '2.0.0'));
    const rule = pending.rules.find((r) => r.state === 'pending_approval')!;
    expect(rule).toMatchObject({ kind: 'default', version: '2.0.0' });
    expect(await a.versionFor(bam1)).toBe('1.0.0');
    // a shared rule: a bank's approver may not, another union approver may
    expect((await a.approve(admin, rule.id)).status).toBe(403);
    ok(await a.approve(union1, rule.id));
    expect(await a.versionFor(bam1)).toBe('2.0.0');
    const [credit] = ok<{ apps: AppRollout[] }>(await a.rollout(union1, 'mf-credit')).apps;
    expect(credit!.rules.filter((r) => r.state === 'active').map((r) => [r.kind, r.version])).toEqual([
      ['default', '2.0.0'],
    ]);
  });

  it('rollback never waits, but only to a version that has been the default', async () => {
    ok(await a.register(union1, release('mf-credit', '3.0.0')));
    const forward = await a.rollback(union1, 'mf-credit', '3.0.0');
    expect(forward.status).toBe(403);
    expect(forward.body.error.reason).toBe('FOUR_EYES');
    const back = ok<AppRollout>(await a.rollback(union1, 'mf-credit'));
    expect(back.history[0]).toMatchObject({ action: 'rollback', version: '1.0.0', actor: 'u-union1' });
    for (const u of [am1, bam1]) expect(await a.versionFor(u)).toBe('1.0.0');
  });
});
