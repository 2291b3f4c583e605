/**
 * Migrating to one audit chain per bank keeps history: records appended to the single union chain
 * before the migration keep their seq, links and hashes and verify as chain `*`; new records start
 * their bank's own chain at 1.
 */
import {
  auditApi,
  auditSubject,
  type EventEnvelope,
  Permissions as P,
  type Principal,
} from '@zhanye/contracts';
import { type Bus, connectBus, createLogger, openDatabase } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformService } from '../src/app.ts';
import { type ChainedFields, chainHash, GENESIS_HASH } from '../src/audit/audit.chain.ts';
import { AuditChains1765400000000 } from '../src/migrations/1765400000000-audit-chains.ts';
import { migrationsBefore } from './support.ts';

const cfg = testConfig();
const log = createLogger('audit-migration-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;

const adminA = principal({
  userId: 'u-admin',
  username: 'admin',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  roles: ['admin'],
  dataScope: 'bank',
  permissions: [P.auditRead],
});
const unionAuditor = principal({
  ...adminA,
  userId: 'u-union',
  bankId: 'union',
  orgId: 'union-hq',
  orgPath: '/union/union-hq/',
  dataScope: 'all',
});

/** An append as the previous release made it: one chain for the union, its head in row `id = 1`. */
async function appendTheOldWay(ds: DataSource, n: number, bankId: string | null): Promise<string> {
  return ds.transaction(async (m) => {
    const [head]: { seq: string; hash: string }[] = await m.query(
      'SELECT seq, hash FROM audit_chain WHERE id = 1 FOR UPDATE',
    );
    const f: ChainedFields = {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      seq: Number(head!.seq) + 1,
      at: new Date(Date.now() - 60_000 + n).toISOString(),
      userId: bankId ? `u-${n}` : null,
      username: `user${n}`,
      bankId,
      orgId: null,
      orgPath: null,
      action: 'customer.create',
      target: null,
      result: 'ok',
      status: 200,
      requestId: `req-old-${n}`,
      service: 'customer',
      input: { name: `旧记录${n}`, idNumber: '***' },
      before: null,
      after: null,
    };
    const hash = chainHash(head!.hash, f);
    await m.query(
      `INSERT INTO audit_log (id, seq, prev_hash, hash, at, owner_id, username, bank_id, org_id, org_path,
         action, target, result, status, request_id, service, input, before_state, after_state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
      [
        f.id,
        f.seq,
        head!.hash,
        hash,
        new Date(f.at),
        f.userId,
        f.username,
        f.bankId,
        f.orgId,
        f.orgPath,
        f.action,
        f.target,
        f.result,
        f.status,
        f.requestId,
        f.service,
        JSON.stringify(f.input),
      ],
    );
    await m.query('UPDATE audit_chain SET seq = ?, hash = ? WHERE id = 1', [f.seq, hash]);
    return hash;
  });
}

const banks = ['bank-a', 'bank-b', null, 'bank-a', 'bank-b', 'union'];
let oldRows: { id: string; seq: string; prev_hash: string; hash: string }[];

beforeAll(async () => {
  bus = await connectBus(cfg, 'audit-migration-test', log);
  // a database as the previous release left it: one chain for the whole union
  const old = await openDatabase({
    cfg,
    service: 'platform',
    entities: [],
    migrations: migrationsBefore(AuditChains1765400000000),
    log,
  });
  for (const [i, bank] of banks.entries()) await appendTheOldWay(old, i + 1, bank);
  oldRows = await old.query('SELECT id, seq, prev_hash, hash FROM audit_log ORDER BY seq');
  await old.destroy();
  platform = await startPlatformService(cfg, bus, log);
});
afterAll(async () => {
  await platform?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

const verify = async (who: Principal) => {
  const res = await apiRequest(bus, 'platform', 'GET', auditApi.verifyAudit.path, { caller: who });
  expect(res.status).toBe(200);
  return auditApi.verifyAudit.output.parse(res.body);
};
const list = async (who: Principal) => {
  const res = await apiRequest(bus, 'platform', 'GET', auditApi.auditLog.path, {
    caller: who,
    query: { pageSize: '200' },
  });
  expect(res.status).toBe(200);
  return auditApi.auditLog.output.parse(res.body).items;
};

describe('migrating to one audit chain per bank', () => {
  it('keeps the records written before as chain `*`, unchanged, and they still verify', async () => {
    expect(
      await platform.ds.query('SELECT id, chain, seq, prev_hash, hash FROM audit_log ORDER BY seq'),
    ).toEqual(oldRows.map((r) => ({ ...r, chain: '*' })));
    expect(await platform.ds.query('SELECT chain, seq, hash FROM audit_chain')).toEqual([
      { chain: '*', seq: String(banks.length), hash: oldRows.at(-1)!.hash },
    ]);
    expect(await verify(unionAuditor)).toEqual({
      ok: true,
      checked: banks.length,
      chains: [{ chain: '*', ok: true, checked: banks.length }],
    });
    // a bank's own chain is empty so far; its old records stay readable (in chain `*`)
    expect(await verify(adminA)).toEqual({
      ok: true,
      checked: 0,
      chains: [{ chain: 'bank-a', ok: true, checked: 0 }],
    });
    const mine = await list(adminA);
    expect(mine.map((r) => [r.chain, r.username]).sort()).toEqual([
      ['*', 'user1'],
      ['*', 'user4'],
    ]);
  });

  it('starts each bank’s chain at 1 after the migration; the old chain goes on verifying', async () => {
    for (const [i, bankId] of (['bank-a', 'bank-a', null] as const).entries()) {
      const id = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
      const at = new Date().toISOString();
      const envelope: EventEnvelope = {
        id,
        subject: auditSubject('test'),
        occurredAt: at,
        bankId: bankId ?? '',
        payload: {
          userId: bankId ? 'u-new' : null,
          username: 'new-user',
          bankId,
          orgId: null,
          orgPath: null,
          action: 'test.afterMigration',
          target: null,
          result: 'ok',
          status: 200,
          requestId: `req-new-${i}`,
          service: 'test',
          at,
        },
      };
      await bus.js.publish(bus.subject(auditSubject('test')), JSON.stringify(envelope), { msgID: id });
    }
    let rows: { chain: string; seq: string; prev_hash: string }[] = [];
    for (let i = 0; i < 100 && rows.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await platform.ds.query(
        "SELECT chain, seq, prev_hash FROM audit_log WHERE action = 'test.afterMigration' ORDER BY chain, seq",
      );
    }
    expect(rows).toEqual([
      { chain: '*', seq: String(banks.length + 1), prev_hash: oldRows.at(-1)!.hash },
      { chain: 'bank-a', seq: '1', prev_hash: GENESIS_HASH },
      { chain: 'bank-a', seq: '2', prev_hash: expect.any(String) },
    ]);
    expect(await verify(adminA)).toMatchObject({ ok: true, checked: 2 });
    expect(await verify(unionAuditor)).toMatchObject({
      ok: true,
      checked: banks.length + 3,
      chains: [
        { chain: '*', ok: true, checked: banks.length + 1 },
        { chain: 'bank-a', ok: true, checked: 2 },
      ],
    });
    // an old record changed is reported in chain `*` (to union auditors), not in the bank's chain
    await platform.ds.query("UPDATE audit_log SET username = 'someone-else' WHERE chain = '*' AND seq = 4");
    expect(await verify(unionAuditor)).toMatchObject({
      ok: false,
      chain: '*',
      brokenAt: 4,
      reason: 'record changed',
    });
    expect((await verify(adminA)).ok).toBe(true);
  });
});
