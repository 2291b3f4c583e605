/**
 * The generated security matrix (QUALITY.md, "every endpoint x every role x another bank's /
 * another branch's record"): every endpoint of every declared domain, taken from `allEndpoints()`,
 * for every demo user, through the gateway like a browser. Each domain plugs in from
 * `bff/<domain>/test/scope.matrix.ts` (kit `ScopeMatrixPlugin`: how its endpoints are checked and
 * the records it makes), and its service is started from `bff/<domain>/src/app.ts`
 * (`start<Domain>Service`), so a new domain adds its own files and edits nothing here.
 * - without the endpoint's permission: 403, and a refused mutation changes no row;
 * - with it: a record of another bank, or outside the user's data scope, is "not found" (404),
 *   lists hold only records in scope (and every record in scope), and a refused write changes nothing.
 * Releases: registering, promoting and rolling back are the union's release managers' (a bank's get
 * 403), and a rule for another bank is 404 to a bank's release manager; the full operations x
 * managers x targets matrix is `bff/platform/test/release-tenancy.test.ts`. The registry and the
 * rollout view are checked for permission only here.
 * Administration: every admin list holds only the caller's bank (or shared records), naming another
 * bank is 404, and every admin change aimed at another bank's user, role, org or session is 404
 * with nothing changed; union administrators (`all`) act in every bank by design. The account
 * endpoints act on the caller's own account only. `inspector1` holds a custom data scope.
 * Giving a user a role: every demo user who may edit users gives only roles whose codes they hold
 * or their roles may assign, seeing no more data than they do (restated here from the role list).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  allEndpoints,
  DataScopes,
  domainNames,
  domainServices,
  type Endpoint,
  type MenuItem,
  type Principal,
  pathParams,
  type Role,
} from '@zhanye/contracts';
import { type Bus, connectBus, createLogger, loadConfig } from '@zhanye/kit';
import {
  dropNamespace,
  type MatrixContext,
  type MatrixFixture,
  type MatrixInput,
  type MatrixMapping,
  type ScopeMatrixPlugin,
  testConfig,
} from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../platform/src/seed/demo.seed.ts';
import { createGateway } from '../src/app.ts';
import { GatewayConfig } from '../src/config.ts';

// ---- the domains' plug-ins -----------------------------------------------------------------

type Fixture = MatrixFixture;
type Input = MatrixInput;
type Mapping = MatrixMapping;

const DOMAINS = domainNames();
const pascal = (s: string) => s.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

/** Each domain's matrix plug-in, in the order their fixtures refer to each other. */
async function loadPlugins(): Promise<{ name: string; plugin: ScopeMatrixPlugin }[]> {
  const found: { name: string; plugin: ScopeMatrixPlugin }[] = [];
  for (const name of DOMAINS) {
    const file = new URL(`../../${name}/test/scope.matrix.ts`, import.meta.url);
    if (!existsSync(file)) continue; // its endpoints are reported unmapped by the first test
    found.push({ name, plugin: ((await import(file.href)) as { matrix: ScopeMatrixPlugin }).matrix });
  }
  const ordered: typeof found = [];
  while (ordered.length < found.length) {
    const next = found.find(
      (p) => !ordered.includes(p) && (p.plugin.after ?? []).every((d) => ordered.some((o) => o.name === d)),
    );
    if (!next) throw new Error('scope matrix plug-ins refer to each other in a circle');
    ordered.push(next);
  }
  return ordered;
}
const plugins = await loadPlugins();

/** Keyed by `<METHOD> /api/<domain><path>`. A new endpoint without an entry fails the test. */
const MATRIX: Record<string, Mapping> = Object.assign({}, ...plugins.map((p) => p.plugin.mappings));

let idSeq = 0;

/** The scope rule, restated independently of kit's `applyScope`. */
function visible(user: Principal, f: Fixture): boolean {
  if (user.dataScope === 'all') return true;
  if (f.bankId !== user.bankId) return false;
  switch (user.dataScope) {
    case 'self':
      return f.ownerId === user.userId;
    case 'custom':
      return (user.scopeOrgIds ?? []).includes(f.orgId) || f.ownerId === user.userId;
    case 'org':
      return f.orgId === user.orgId;
    case 'orgAndBelow':
      return f.orgPath.startsWith(user.orgPath);
    default:
      return true;
  }
}

const keyOf = (e: Endpoint) => `${e.method} /api/${e.domain}${e.path}`;
const endpoints = allEndpoints().filter((e) => e.domain !== 'auth');

// ---- the stack ------------------------------------------------------------------------------

const base = testConfig();
const cfg = loadConfig(GatewayConfig, { ...process.env, ZY_NS: base.ZY_NS, LOG_LEVEL: 'silent' });
const log = createLogger('scope-matrix', 'silent');
let bus: Bus;
let server: Server;
let url: string;
const stops: (() => Promise<void>)[] = [];
/** Each service's database, for the row digest (the services return their TypeORM `DataSource`). */
const dataSources: Record<string, { query(sql: string, params?: unknown[]): Promise<unknown> }> = {};

interface Session {
  name: string;
  user: Principal;
  cookie: string;
  csrf: string;
}
const sessions: Session[] = [];
const fixtures: Fixture[] = [];
/** `<endpoint id> <user>` pairs checked, and requests sent. */
const cases = new Set<string>();
let requests = 0;

interface Answer {
  status: number;
  body: Record<string, unknown> & { items?: Record<string, unknown>[] };
}

async function send(s: Session, e: Endpoint, input: Input): Promise<Answer> {
  const rest: Input = { ...input };
  let path: string = e.path;
  for (const p of pathParams(e.path)) {
    if (rest[p] === undefined) throw new Error(`${keyOf(e)}: no value for :${p}`);
    path = path.replace(`:${p}`, encodeURIComponent(String(rest[p])));
    delete rest[p];
  }
  let target = `${url}/api/${e.domain}${path}`;
  const init: RequestInit = { method: e.method, headers: { cookie: s.cookie } };
  if (e.mutation) {
    init.headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
    init.body = JSON.stringify(rest);
  } else {
    const qs = new URLSearchParams(
      Object.entries(rest)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
    if (qs) target += `?${qs}`;
  }
  requests++;
  const res = await fetch(target, init);
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const session = (name: string) => sessions.find((s) => s.name === name)!;
const endpoint = (key: string) => endpoints.find((e) => keyOf(e) === key)!;
const may = (s: Session, e: Endpoint) => e.permission === null || s.user.permissions.includes(e.permission);

async function ok(s: Session, key: string, input: Input): Promise<Record<string, unknown>> {
  const res = await send(s, endpoint(key), input);
  if (res.status !== 200) throw new Error(`${s.name} ${key}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const createBody = (key: string, customerId: string) =>
  (MATRIX[key] as Extract<Mapping, { kind: 'create' }>).body(customerId, ++idSeq);

/** The context the plug-ins' hooks work in. */
const ctx: MatrixContext = {
  session: (name) => session(name),
  ok: (who, key, input) => ok(who as Session, key, input),
  createBody: (key, customerId) => createBody(key, customerId),
  fixtures,
  own: (who, kind) => fixtures.find((f) => f.owner === who && f.kind === kind),
  add(who, kind, id, name) {
    const s = session(who);
    fixtures.push({
      kind,
      id,
      name,
      owner: who,
      ownerId: s.user.userId,
      bankId: s.user.bankId,
      orgId: s.user.orgId,
      orgPath: s.user.orgPath,
    });
  },
  idNumber: () => `1101011990${String(++idSeq).padStart(7, '0')}X`,
  query: (service, sql, params) => dataSources[service]!.query(sql, params),
};

/** Every row of every table holding product state (not the audit chain or event bookkeeping). */
async function digest(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [svc, ds] of Object.entries(dataSources)) {
    const tables = ((await ds.query('SHOW TABLES')) as Record<string, string>[]).map(
      (r) => Object.values(r)[0]!,
    );
    for (const t of tables) {
      if (/^(audit_log|audit_chain|outbox|processed_event|migrations)$/.test(t)) continue;
      const rows = (await ds.query(`SELECT * FROM \`${t}\``)) as unknown[];
      const lines = rows.map((r) => JSON.stringify(r)).sort();
      out[`${svc}.${t}`] =
        `${rows.length} rows ${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
    }
  }
  return out;
}

/** What refused mutations must leave as it was (each domain says what, e.g. application statuses). */
async function states(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const { name, plugin } of plugins) if (plugin.states) out[name] = await plugin.states(ctx);
  return out;
}

beforeAll(async () => {
  bus = await connectBus(cfg, 'scope-matrix', log);
  // every declared domain's service, from its composition root (the platform with the demo data)
  for (const { name, folder } of domainServices()) {
    const app = (await import(`../../${folder}/src/app.ts`)) as Record<string, unknown>;
    const start = app[`start${pascal(name)}Service`] as (
      c: typeof cfg,
      b: Bus,
      l: typeof log,
      o: { seedDemo: boolean },
    ) => Promise<{
      ds?: { query(sql: string, params?: unknown[]): Promise<unknown> };
      stop(): Promise<void>;
    }>;
    const running = await start(cfg, bus, log, { seedDemo: true });
    stops.unshift(running.stop);
    // a simulator of an external system keeps no tables
    if (running.ds) dataSources[name] = running.ds;
  }
  server = createGateway(cfg, bus, log).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  for (const [username] of demoUsers) {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(res.status, `login ${username}`).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const user = ((await res.json()) as { user: Principal }).user;
    sessions.push({ name: username, user, cookie, csrf: /zy_csrf=([^;]+)/.exec(cookie)?.[1] ?? '' });
  }
  // am1: bank-a, branch a-br1; am2: bank-a, branch a-br2 (another branch, another owner); bam1: bank-b
  for (const who of ['am1', 'am2', 'bam1']) {
    for (const { plugin } of plugins) await plugin.fixtures?.(ctx, who);
  }
  for (const { plugin } of plugins) await plugin.setup?.(ctx);
}, 120_000);

afterAll(async () => {
  console.log(
    `scope matrix: ${endpoints.length} endpoints x ${sessions.length} users = ${cases.size} cases checked, ${requests} requests`,
  );
  server?.close();
  for (const s of stops) await s();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

// ---- the matrix ---------------------------------------------------------------------------

describe('scope matrix', () => {
  it('maps every endpoint of every domain (each domain maps its own in bff/<domain>/test/scope.matrix.ts)', () => {
    const unmapped = endpoints.filter((e) => !MATRIX[keyOf(e)]).map((e) => `${keyOf(e)} (${e.id})`);
    expect(
      unmapped,
      'endpoints with no scope-matrix entry: map each in bff/<domain>/test/scope.matrix.ts',
    ).toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !endpoints.some((e) => keyOf(e) === k));
    expect(stale, 'MATRIX entries naming no endpoint').toEqual([]);
    expect(sessions.map((s) => [s.name, s.user.dataScope])).toEqual([
      ['am1', 'self'],
      ['am2', 'self'],
      ['approver1', 'bank'],
      ['head1', 'orgAndBelow'],
      ['admin', 'bank'],
      ['admin2', 'bank'],
      ['dev1', 'bank'],
      ['bam1', 'self'],
      ['bapprover1', 'bank'],
      ['inspector1', 'custom'],
      ['inv1', 'org'],
      ['inv2', 'org'],
      ['brapprover1', 'bank'],
      ['reviewer1', 'bank'],
      ['creditadmin1', 'bank'],
      ['divreviewer1', 'bank'],
      ['divapprover1', 'bank'],
      ['riskanalyst1', 'bank'],
      ['riskmgr1', 'bank'],
      ['unionrisk1', 'all'],
      ['unionriskmgr1', 'all'],
      ['union1', 'all'],
    ]);
    expect(session('inspector1').user.scopeOrgIds).toEqual(['a-br1']);
  });

  it('reads: 403 without the permission; in scope 200, another bank / branch / owner 404; lists hold exactly the scope', async () => {
    const problems: string[] = [];
    const expectStatus = (what: string, res: Answer, want: number) => {
      if (res.status !== want)
        problems.push(`${what}: ${res.status} (want ${want}) ${JSON.stringify(res.body)}`);
    };
    // the audit records of bank-b's fixtures must exist, or "admin sees none of them" proves nothing
    for (let i = 0; i < 100; i++) {
      const [row] = (await dataSources.platform!.query(
        "SELECT COUNT(*) AS n FROM audit_log WHERE bank_id = 'bank-b'",
      )) as { n: string }[];
      if (Number(row?.n) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const [bankB] = (await dataSources.platform!.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE bank_id = 'bank-b'",
    )) as { n: string }[];
    expect(Number(bankB?.n), 'audit records of bank-b exist').toBeGreaterThan(0);
    for (const e of endpoints.filter((x) => !x.mutation)) {
      const m = MATRIX[keyOf(e)];
      if (!m) continue; // reported by the first test
      for (const s of sessions) {
        cases.add(`${e.id} ${s.name}`);
        const what = `${s.name} ${keyOf(e)}`;
        if (!may(s, e)) {
          // refused before the record is looked at: the same 403 for an own and a foreign record
          const inputs =
            m.kind === 'read'
              ? fixtures.filter((f) => m.targets.includes(f.kind)).map((f) => ({ id: f.id }))
              : m.kind === 'bankRead'
                ? fixtures.filter((f) => m.targets.includes(f.kind)).map(m.input)
                : m.kind === 'union' || m.kind === 'global'
                  ? [m.input ?? {}]
                  : m.kind === 'tenantList'
                    ? [{}, ...m.probes]
                    : [{}];
          for (const input of inputs) {
            expectStatus(`${what} ${JSON.stringify(input)}`, await send(s, e, input), 403);
          }
          continue;
        }
        switch (m.kind) {
          case 'read':
            for (const f of fixtures.filter((x) => m.targets.includes(x.kind))) {
              const res = await send(s, e, { id: f.id });
              const want = visible(s.user, f) ? 200 : 404;
              expectStatus(`${what} on ${f.owner}'s ${f.kind} (${f.bankId}/${f.orgId})`, res, want);
            }
            break;
          case 'bankRead':
            for (const f of fixtures.filter((x) => m.targets.includes(x.kind))) {
              const res = await send(s, e, m.input(f));
              const want = s.user.dataScope === 'all' || f.bankId === s.user.bankId ? 200 : 404;
              expectStatus(`${what} on ${f.owner}'s ${f.kind} (${f.bankId})`, res, want);
            }
            break;
          case 'list': {
            const mine = fixtures.filter((f) => m.items.includes(f.kind));
            const known = new Map(mine.map((f) => [f.id, f]));
            for (const probe of [{}, ...m.probes(fixtures)]) {
              const res = await send(s, e, { ...probe, pageSize: 100 });
              expectStatus(`${what} ${JSON.stringify(probe)}`, res, 200);
              const ids = (res.body.items ?? []).map((i) => String(i.id));
              for (const id of ids) {
                const f = known.get(id);
                if (!f) problems.push(`${what} ${JSON.stringify(probe)}: unknown record ${id} in the list`);
                else if (!visible(s.user, f)) {
                  problems.push(
                    `${what} ${JSON.stringify(probe)}: LEAK of ${f.owner}'s ${f.kind} ${id} (${f.bankId}/${f.orgId})`,
                  );
                }
              }
              if (Object.keys(probe).length === 0) {
                const want = mine.filter((f) => visible(s.user, f)).map((f) => f.id);
                if ([...want].sort().join() !== [...ids].sort().join()) {
                  problems.push(`${what}: lists ${ids.length} records, ${want.length} are in scope`);
                }
              }
            }
            break;
          }
          case 'audit': {
            for (const probe of [{}, { user: 'bam1' }, { user: 'bapprover1' }]) {
              const res = await send(s, e, { ...probe, pageSize: 200 });
              expectStatus(`${what} ${JSON.stringify(probe)}`, res, 200);
              for (const r of res.body.items ?? []) {
                if (s.user.dataScope !== 'all' && (r.bankId !== s.user.bankId || r.chain !== s.user.bankId)) {
                  problems.push(
                    `${what} ${JSON.stringify(probe)}: LEAK of audit record ${r.chain}/${r.seq} of ${r.bankId}`,
                  );
                }
              }
              if (Object.keys(probe).length === 0 && !(res.body.items ?? []).length) {
                problems.push(`${what}: sees no audit record of its own bank`);
              }
            }
            break;
          }
          case 'tenantList': {
            const union = s.user.dataScope === 'all';
            for (const probe of [{}, ...m.probes]) {
              const res = await send(s, e, { ...probe, pageSize: 100 });
              const naming = typeof probe.bankId === 'string' && probe.bankId !== s.user.bankId;
              if (naming && !union) {
                expectStatus(`${what} ${JSON.stringify(probe)}`, res, 404);
                continue;
              }
              expectStatus(`${what} ${JSON.stringify(probe)}`, res, 200);
              for (const item of res.body.items ?? []) {
                if (!union && item.bankId !== null && item.bankId !== s.user.bankId) {
                  problems.push(`${what} ${JSON.stringify(probe)}: LEAK of ${item.id} of ${item.bankId}`);
                }
              }
              if (!Object.keys(probe).length && !(res.body.items ?? []).length) {
                problems.push(`${what}: an empty list proves nothing`);
              }
            }
            break;
          }
          case 'global':
          case 'union': {
            const res = await send(s, e, m.input ?? {});
            expectStatus(what, res, 200);
            if (keyOf(e) === 'GET /api/platform/audit/verify' && s.user.dataScope !== 'all') {
              // a bank's chain only: other banks' record counts stay theirs
              const chains = (res.body.chains as { chain: string }[] | undefined)?.map((c) => c.chain);
              if (JSON.stringify(chains) !== JSON.stringify([s.user.bankId])) {
                problems.push(`${what}: verified chains ${JSON.stringify(chains)}`);
              }
            }
            if (keyOf(e) === 'GET /api/platform/me') {
              const me = res.body.user as Principal;
              if (me.userId !== s.user.userId || me.bankId !== s.user.bankId) {
                problems.push(`${what}: answered for ${me.username} of ${me.bankId}`);
              }
            }
            break;
          }
          default:
            problems.push(`${what}: a GET endpoint mapped as ${m.kind}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('mutations without the permission: 403 for every user, and not one row changes', async () => {
    const problems: string[] = [];
    const before = await digest();
    const statesBefore = await states();
    for (const e of endpoints.filter((x) => x.mutation)) {
      const m = MATRIX[keyOf(e)];
      if (!m) continue; // reported by the first test
      for (const s of sessions.filter((x) => !may(x, e))) {
        cases.add(`${e.id} ${s.name}`);
        // aim at what the user could otherwise reach: a record in scope, else one of their bank
        const pick = (kinds: string[]) => {
          const candidates = fixtures.filter((f) => kinds.includes(f.kind));
          return (
            candidates.find((f) => visible(s.user, f)) ??
            candidates.find((f) => f.bankId === s.user.bankId) ??
            candidates[0]!
          );
        };
        const input =
          m.kind === 'transition'
            ? { ...m.body, id: pick(m.targets).id }
            : m.kind === 'create'
              ? m.body(pick(['customer']).id, ++idSeq)
              : m.kind === 'union' || m.kind === 'release'
                ? m.input
                : m.kind === 'tenantWrite'
                  ? m.foreign()
                  : {};
        const res = await send(s, e, input);
        if (res.status !== 403) {
          problems.push(`${s.name} ${keyOf(e)}: ${res.status} (want 403) ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await digest()).toEqual(before);
    expect(await states()).toEqual(statesBefore);
  });

  it('mutations with the permission on another bank / branch / owner: 404, nothing changes', async () => {
    const problems: string[] = [];
    const before = await digest();
    const statesBefore = await states();
    for (const e of endpoints.filter((x) => x.mutation)) {
      const m = MATRIX[keyOf(e)];
      if (!m) continue; // reported by the first test
      for (const s of sessions.filter((x) => may(x, e))) {
        const what = `${s.name} ${keyOf(e)}`;
        if (m.kind === 'union') continue; // union-wide by design: permission part only (last test)
        if (m.kind === 'release') {
          if (s.user.bankId === 'union') continue; // the union's release managers: last test
          cases.add(`${e.id} ${s.name}`);
          const res = await send(s, e, m.input);
          if (res.status !== m.bankLevel) {
            problems.push(`${what}: ${res.status} (want ${m.bankLevel}) ${JSON.stringify(res.body)}`);
          }
          continue;
        }
        if (m.kind === 'tenantWrite' && s.user.dataScope === 'all') continue; // the union: every bank
        cases.add(`${e.id} ${s.name}`);
        if ((m.kind === 'create' || m.kind === 'transition') && s.user.dataScope === 'all') {
          // the union reads every bank's data and changes none of it, whatever the record
          const aimed =
            m.kind === 'transition'
              ? fixtures.filter((f) => m.targets.includes(f.kind))
              : fixtures.filter((f) => f.kind === 'customer');
          for (const f of aimed) {
            const input = m.kind === 'transition' ? { ...m.body, id: f.id } : m.body(f.id, ++idSeq);
            const res = await send(s, e, input);
            const reason = (res.body.error as { reason?: string } | undefined)?.reason;
            if (res.status !== 403 || reason !== 'READ_ONLY_SCOPE') {
              problems.push(
                `${what} on ${f.owner}'s ${f.kind}: ${res.status} ${reason} (want 403 READ_ONLY_SCOPE)`,
              );
            }
          }
          continue;
        }
        if (m.kind === 'tenantWrite' || (m.kind === 'self' && m.foreign)) {
          const input = (m.foreign as (caller: string) => Input)(s.name);
          const res = await send(s, e, input);
          if (res.status !== 404) {
            problems.push(
              `${what} on bank-b's ${JSON.stringify(input)}: ${res.status} (want 404) ${JSON.stringify(res.body)}`,
            );
          }
          continue;
        }
        if (m.kind === 'self') continue; // no id to aim elsewhere: acts on the caller's account only
        if (m.kind === 'auditExport') {
          const res = await send(s, e, {});
          if (res.status !== 200) problems.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
          const csv = String(res.body.csv ?? '');
          const lines = csv
            .replace(/^\uFEFF/, '')
            .trim()
            .split('\r\n')
            .slice(1);
          if (!lines.length) problems.push(`${what}: exports no record of its own bank`);
          for (const line of lines) {
            // chain, seq, at, username, userId, bankId: none of them holds a comma or a quote
            const [chain, , , , , bank] = line.split(',');
            if (s.user.dataScope !== 'all' && (bank !== s.user.bankId || chain !== s.user.bankId)) {
              problems.push(`${what}: LEAK of an audit record of ${bank} (chain ${chain}) in the export`);
            }
          }
          continue;
        }
        if (m.kind === 'create' && m.ref === null) continue; // creates in the caller's scope: see below
        const targets =
          m.kind === 'transition'
            ? fixtures.filter((f) => m.targets.includes(f.kind))
            : fixtures.filter((f) => f.kind === 'customer');
        for (const f of targets.filter((x) => !visible(s.user, x))) {
          const input =
            m.kind === 'transition'
              ? { ...m.body, id: f.id }
              : m.kind === 'create'
                ? m.body(f.id, ++idSeq)
                : {};
          const res = await send(s, e, input);
          if (res.status !== 404) {
            problems.push(
              `${what} on ${f.owner}'s ${f.kind} (${f.bankId}/${f.orgId}): ${res.status} (want 404) ${JSON.stringify(res.body)}`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await digest()).toEqual(before);
    expect(await states()).toEqual(statesBefore);
  });

  it('the same mutations work in scope (so the 404s above are about scope), owned by the caller', async () => {
    // creates: owned by the caller, in the caller's bank and org
    for (const key of Object.keys(MATRIX).filter((k) => MATRIX[k]?.kind === 'create')) {
      const e = endpoint(key);
      const m = MATRIX[key] as Extract<Mapping, { kind: 'create' }>;
      // (the union's staff change no bank's data: see the test above)
      for (const s of sessions.filter((x) => may(x, e) && x.user.dataScope !== 'all')) {
        const own = fixtures.find((f) => f.kind === 'customer' && f.ownerId === s.user.userId);
        if (!own && m.ref) continue; // no customer of their own to refer to (union staff, inspectors)
        const made = await ok(s, key, m.body(own?.id ?? '', ++idSeq));
        // (a create of several records at once answers them as `items`)
        const records = Array.isArray(made.items) ? (made.items as Record<string, unknown>[]) : [made];
        for (const r of records) {
          expect(r.ownerId ?? r.createdBy, `${s.name} ${key}`).toBe(s.user.userId);
          if ('orgId' in r) expect(r.orgId).toBe(s.user.orgId);
        }
      }
    }
    // union-wide endpoints: a holder of the permission is let through (no 403, no 5xx); release
    // operations: the union's holders
    const unionWide = (x: Endpoint) =>
      MATRIX[keyOf(x)]?.kind === 'union' || MATRIX[keyOf(x)]?.kind === 'release';
    for (const e of endpoints.filter((x) => x.mutation && unionWide(x))) {
      const m = MATRIX[keyOf(e)] as Extract<Mapping, { kind: 'union' | 'release' }>;
      const release = m.kind === 'release';
      for (const s of sessions.filter((x) => may(x, e) && (!release || x.user.bankId === 'union'))) {
        cases.add(`${e.id} ${s.name}`);
        const res = await send(s, e, m.input);
        expect([200, 400, 404, 409], `${s.name} ${keyOf(e)}: ${JSON.stringify(res.body)}`).toContain(
          res.status,
        );
      }
    }
    // admin changes inside the caller's own bank work (so the 404s above are about the bank)
    for (const e of endpoints.filter((x) => x.mutation && MATRIX[keyOf(x)]?.kind === 'tenantWrite')) {
      const m = MATRIX[keyOf(e)] as Extract<Mapping, { kind: 'tenantWrite' }>;
      if (!m.own) continue;
      for (const s of sessions.filter((x) => may(x, e) && x.user.bankId === 'bank-a')) {
        const res = await send(s, e, m.own());
        expect(res.status, `${s.name} ${keyOf(e)}: ${JSON.stringify(res.body)}`).toBe(200);
      }
    }
    // changes each domain makes as in-scope users of the record's own bank
    for (const { plugin } of plugins) await plugin.inScope?.(ctx);
  });

  it('giving a user a role: only roles whose codes the giver holds or may assign, no wider scope (403 otherwise, nothing changes)', async () => {
    const problems: string[] = [];
    const update = 'PATCH /api/platform/admin/users/:id';
    const target = { id: 'u-am2', bank: 'bank-a', roles: ['account_manager'] };
    // the codes a role gives a user of bank-a: its API grants and its menus inside bank-a's package
    const pkg = (await ok(session('admin'), 'GET /api/platform/admin/menus', {}))
      .items as unknown as MenuItem[];
    const codeOf = new Map(pkg.map((m) => [m.id, m.permission]));
    const rolesRow = (await dataSources.platform!.query(
      'SELECT user_id, role_id FROM user_role ORDER BY 1, 2',
    )) as unknown[];
    for (const s of sessions.filter((x) => may(x, endpoint(update)))) {
      const roles = (await ok(s, 'GET /api/platform/admin/roles', {})).items as unknown as Role[];
      const mine = roles.filter(
        (r) => s.user.roles.includes(r.code) && (r.bankId === null || r.bankId === s.user.bankId),
      );
      const delegated = new Set(mine.flatMap((r) => r.assignableRoleIds));
      for (const r of roles) {
        if (target.roles.includes(r.id)) continue;
        const codes = [
          ...r.permissions,
          ...r.menuIds.map((id) => codeOf.get(id)).filter((c): c is string => !!c),
        ];
        const ofBank = r.bankId === null || r.bankId === target.bank;
        const scopeOk =
          DataScopes.indexOf(r.dataScope) <= DataScopes.indexOf(s.user.dataScope) && r.dataScope !== 'all';
        const want = !ofBank
          ? 404
          : (delegated.has(r.id) || codes.every((c) => s.user.permissions.includes(c))) && scopeOk
            ? 200
            : 403;
        cases.add(`${endpoint(update).id} ${s.name} role ${r.id}`);
        const res = await send(s, endpoint(update), { id: target.id, roleIds: [...target.roles, r.id] });
        if (res.status !== want) problems.push(`${s.name} gives ${r.id}: ${res.status} (want ${want})`);
        if (res.status === 200) await ok(s, update, { id: target.id, roleIds: target.roles });
      }
    }
    expect(problems).toEqual([]);
    // the demo's bank admins may not give the developer role, whose dev-override they lack
    expect(cases.has(`${endpoint(update).id} admin role developer`)).toBe(true);
    expect(await dataSources.platform!.query('SELECT user_id, role_id FROM user_role ORDER BY 1, 2')).toEqual(
      rolesRow,
    );
  });
});
