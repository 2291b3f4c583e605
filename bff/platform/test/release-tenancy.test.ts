/**
 * Release operations × release managers × the bank a rule targets. The union's release managers
 * register releases and own the rules every bank shares (default, percent, role); a bank's release
 * managers act only on `bank` rules for their own bank and read only what concerns it: another
 * bank's rule is "not found" (404, as other banks' records are everywhere), a union-wide operation
 * "forbidden" (403). Four-eyes is on, so approval is part of the matrix. Every refused attempt
 * changes no row and is audited.
 */
import {
  type AppRollout,
  Permissions as P,
  type Principal,
  type RolloutRule,
  registerReleaseCall,
} from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger, systemPrincipal } from '@zhanye/kit';
import { dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformService } from '../src/app.ts';
import { api, ok, type Reply, release, users } from './support.ts';

const cfg = testConfig();
const log = createLogger('release-tenancy-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;
let a: ReturnType<typeof api>;

const APP = 'mf-credit';
/** Sets fixtures up: requests (union1) and approves (union2) the rules the operations act on. */
const { union1: requester, union2: approver } = users;
const actors: Record<string, Principal> = {
  union: principal({ ...users.union2, userId: 'u-union3', username: 'union3' }),
  bankA: users.admin,
  bankB: users.badmin,
  none: principal({ userId: 'u-am1', permissions: [P.releaseRead] }),
};
type Actor = keyof typeof actors;
type Target = 'bank-a' | 'bank-b' | 'union-wide';
const TARGETS: Target[] = ['bank-a', 'bank-b', 'union-wide'];

/** A rule input aimed at `t`: a bank rule for a bank; union-wide is the default (or, for canaries, a percent rule). */
const ruleFor = (t: Target, version: string, canary = false) =>
  t === 'union-wide'
    ? canary
      ? { app: APP, version, kind: 'percent', percent: 10 }
      : { app: APP, version, kind: 'default' }
    : { app: APP, version, kind: 'bank', target: t };

/** What an actor gets: union 200; a bank's own rule 200; another bank's 404; union-wide 403; no permission 403. */
function expected(who: Actor, t: Target | 'app'): number {
  if (who === 'none') return 403;
  if (who === 'union') return 200;
  if (t === 'app' || t === 'union-wide') return 403;
  return (who === 'bankA') === (t === 'bank-a') ? 200 : 404;
}

async function snapshot(): Promise<string> {
  const rows = await Promise.all(
    ['app_release', 'rollout_rule', 'rollout_event'].map((t) =>
      platform.ds.query(`SELECT * FROM ${t} ORDER BY 1, 2`),
    ),
  );
  return JSON.stringify(rows);
}

let fixtureSeq = 0;
async function pendingRule(t: Target, canary = false): Promise<string> {
  const version = ['2.0.0', '3.0.0'][fixtureSeq++ % 2]!;
  return ok<RolloutRule>(await a.rule(requester, ruleFor(t, version, canary))).id;
}
async function activeRule(t: Target): Promise<string> {
  const id = await pendingRule(t, true);
  ok(await a.approve(approver, id));
  return id;
}
async function pausedRule(t: Target): Promise<string> {
  const id = await activeRule(t);
  ok(await a.pause(requester, id));
  return id;
}

beforeAll(async () => {
  bus = await connectBus(cfg, 'release-tenancy-test', log);
  platform = await startPlatformService(cfg, bus, log, { seedDemo: true, fourEyes: true });
  a = api(bus);
  const sys = systemPrincipal('release');
  for (const r of [release('shell', '1.0.0'), release(APP, '1.0.0')]) {
    await callService(bus, registerReleaseCall, { ...r, activate: true }, sys, 'release');
  }
  for (const v of ['2.0.0', '3.0.0']) ok(await a.register(requester, release(APP, v)));
});
afterAll(async () => {
  await platform?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('release tenancy matrix', () => {
  const cases: [string, Actor, Target | 'app', () => Promise<() => Promise<Reply>>][] = [];
  for (const who of Object.keys(actors) as Actor[]) {
    const by = actors[who]!;
    for (const t of TARGETS) {
      cases.push([`create a rule for ${t}`, who, t, async () => () => a.rule(by, ruleFor(t, '2.0.0'))]);
      cases.push([
        `approve a rule for ${t}`,
        who,
        t,
        async () => {
          const id = await pendingRule(t);
          return () => a.approve(by, id);
        },
      ]);
      cases.push([
        `pause a rule for ${t}`,
        who,
        t,
        async () => {
          const id = await activeRule(t);
          return () => a.pause(by, id);
        },
      ]);
      cases.push([
        `resume a rule for ${t}`,
        who,
        t,
        async () => {
          const id = await pausedRule(t);
          return () => a.resume(by, id);
        },
      ]);
    }
    let n = 0;
    cases.push([
      'register a release',
      who,
      'app',
      async () => () => a.register(by, release(APP, `4.0.${n++}`)),
    ]);
    cases.push(['promote', who, 'app', async () => () => a.promote(by, APP, '2.0.0')]);
    cases.push(['roll back', who, 'app', async () => () => a.rollback(by, APP, '1.0.0')]);
  }

  it('every operation × every release manager × every target: allowed, 404 or 403 as the model says', async () => {
    const problems: string[] = [];
    for (const [what, who, t, prepare] of cases) {
      const run = await prepare();
      const before = await snapshot();
      const res = await run();
      const want = expected(who, t);
      if (res.status !== want) {
        problems.push(
          `${who} ${what}: ${res.status} (want ${want}) ${JSON.stringify(res.body).slice(0, 160)}`,
        );
      }
      if (want !== 200 && (await snapshot()) !== before)
        problems.push(`${who} ${what}: refused but changed rows`);
    }
    expect(problems).toEqual([]);
    // 4 actors × (4 rule operations × 3 targets + 3 app operations)
    expect(cases).toHaveLength(60);
  });

  it('a bank’s release managers read only their bank’s rules and history; the union reads all', async () => {
    const bankRule = (r: { kind: string; target: string | null }, bank: string) =>
      r.kind === 'bank' && r.target === bank;
    const mentions = (e: { detail: Record<string, unknown> }, bank: string) =>
      e.detail.kind === 'bank' && e.detail.target === bank;
    const read = async (who: Principal) =>
      ok<{ apps: AppRollout[]; onlyBank: string | null }>(await a.rollout(who));
    const union = await read(actors.union!);
    expect(union.onlyBank).toBeNull();
    const all = union.apps.find((x) => x.app === APP)!;
    for (const bank of ['bank-a', 'bank-b']) {
      expect(all.rules.some((r) => bankRule(r, bank))).toBe(true);
      expect(all.history.some((e) => mentions(e, bank))).toBe(true);
    }
    for (const [who, own, other] of [
      ['bankA', 'bank-a', 'bank-b'],
      ['bankB', 'bank-b', 'bank-a'],
    ] as const) {
      const seen = await read(actors[who]!);
      expect(seen.onlyBank).toBe(own);
      const credit = seen.apps.find((x) => x.app === APP)!;
      expect(credit.rules.some((r) => bankRule(r, own))).toBe(true);
      expect(credit.rules.some((r) => r.kind !== 'bank')).toBe(true);
      expect(credit.rules.filter((r) => bankRule(r, other))).toEqual([]);
      expect(credit.history.filter((e) => mentions(e, other))).toEqual([]);
      expect(credit.releases.map((r) => r.version)).toEqual(all.releases.map((r) => r.version));
    }
    expect((await a.rollout(actors.none!)).status).toBe(200);
    expect((await a.rollout(users.am1)).status).toBe(403);
  });

  it('a bank rule names an existing bank', async () => {
    const res = await a.rule(actors.union!, { app: APP, version: '2.0.0', kind: 'bank', target: 'bank-zz' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['target']);
  });

  it('refused attempts are audited like every mutation', async () => {
    const refused = async () =>
      Number(
        (
          await platform.ds.query(
            "SELECT COUNT(*) AS n FROM audit_log WHERE owner_id = 'u-admin' AND action LIKE 'platform.%' AND status IN (403, 404)",
          )
        )[0].n,
      );
    // bank-a's manager: 404 for bank-b's rules, 403 for union-wide ones and app operations
    const want = TARGETS.length * 4 - 4 + 3;
    await expect.poll(refused, { timeout: 10_000 }).toBe(want);
  });
});
