import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AuditRecord,
  auditApi,
  auditSubject,
  customerApi,
  type EventEnvelope,
  Permissions as P,
} from '@zhanye/contracts';
import { type Bus, connectBus, createLogger, loadConfig, maskSecrets } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreditService } from '../../credit/src/app.ts';
import { startCustomerService } from '../../customer/src/app.ts';
import { createGateway } from '../../gateway/src/app.ts';
import { GatewayConfig } from '../../gateway/src/config.ts';
import { startRiskService } from '../../risk/src/app.ts';
import { startPlatformService } from '../src/app.ts';

const base = testConfig();
const cfg = loadConfig(GatewayConfig, { ...process.env, ZY_NS: base.ZY_NS, LOG_LEVEL: 'silent' });
const log = createLogger('audit-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;
let server: Server;
let url: string;
const stops: (() => Promise<void>)[] = [];

const am1 = principal({
  permissions: [
    P.customerRead,
    P.customerCreate,
    P.applicationRead,
    P.applicationCreate,
    P.applicationSubmit,
    P.productRead,
  ],
  dataScope: 'self',
});
const bam1 = principal({
  userId: 'u-bam1',
  username: 'bam1',
  bankId: 'bank-b',
  orgId: 'b-br1',
  orgPath: '/bank-b/b-hq/b-br1/',
  permissions: [P.customerRead, P.customerCreate],
  dataScope: 'self',
});
const head1 = principal({ userId: 'u-head1', username: 'head1', permissions: [P.customerRead] });
const adminA = principal({
  userId: 'u-admin',
  username: 'admin',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  roles: ['admin'],
  dataScope: 'bank',
  permissions: [P.auditRead],
});
const adminB = principal({
  userId: 'u-badmin',
  username: 'badmin',
  bankId: 'bank-b',
  orgId: 'b-hq',
  orgPath: '/bank-b/b-hq/',
  roles: ['admin'],
  dataScope: 'bank',
  permissions: [P.auditRead],
});
const unionAuditor = principal({ ...adminB, userId: 'u-union', dataScope: 'all' });

beforeAll(async () => {
  bus = await connectBus(cfg, 'audit-test', log);
  platform = await startPlatformService(cfg, bus, log, { seedDemo: true });
  // a second copy appends to the same chains: appends to one chain must queue, never fork
  const platform2 = await startPlatformService(cfg, bus, log);
  const customer = await startCustomerService(cfg, bus, log);
  const risk = await startRiskService(cfg, bus, log);
  const credit = await startCreditService(cfg, bus, log);
  stops.push(credit.stop, risk.stop, customer.stop, platform2.stop, platform.stop);
  server = createGateway(cfg, bus, log).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  for (const s of stops) await s();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

async function list(who = adminA, query: Record<string, string> = {}) {
  const res = await apiRequest(bus, 'platform', 'GET', auditApi.auditLog.path, { caller: who, query });
  expect(res.status).toBe(200);
  return auditApi.auditLog.output.parse(res.body);
}

/** The audit rows matching `pick`, once at least `n` have arrived (the consumer is asynchronous). */
async function waitFor(pick: (r: AuditRecord) => boolean, n = 1, who = unionAuditor) {
  for (let i = 0; i < 100; i++) {
    const rows = (await list(who, { pageSize: '200' })).items.filter(pick);
    if (rows.length >= n) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('audit record did not arrive');
}

const verify = async (who = adminA) => {
  const res = await apiRequest(bus, 'platform', 'GET', auditApi.verifyAudit.path, { caller: who });
  expect(res.status).toBe(200);
  return auditApi.verifyAudit.output.parse(res.body);
};

const login = (username: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('audit log', () => {
  it('masks secrets at any depth', () => {
    expect(
      maskSecrets({ a: { idNumber: '1', list: [{ newPassword: 'x', n: 2 }] }, apiToken: 't', cursor: 'c' }),
    ).toEqual({
      a: { idNumber: '***', list: [{ newPassword: '***', n: 2 }] },
      apiToken: '***',
      cursor: '***',
    });
  });

  it('records a mutation with who, what, result and the input masked, without handler code', async () => {
    const body = { name: '审计客户', idNumber: '110101199003071234', phone: '13800138000' };
    const res = await apiRequest(bus, 'customer', 'POST', customerApi.create.path, { caller: am1, body });
    expect(res.status).toBe(200);
    const [row] = await waitFor((r) => r.action === 'customer.create' && r.result === 'ok');
    expect(row).toMatchObject({
      userId: am1.userId,
      username: am1.username,
      bankId: 'bank-a',
      orgId: am1.orgId,
      result: 'ok',
      status: 200,
      service: 'customer',
      input: { name: '审计客户', idNumber: '***', phone: '***' },
    });
    expect(row!.requestId).toMatch(/^[\w-]{8,}$/);
    expect(JSON.stringify(row)).not.toContain('13800138000');
  });

  it('records a permission failure, on a mutation and on a read', async () => {
    const body = { name: '越权', idNumber: '110101199003071235', phone: '13800138001' };
    const res = await apiRequest(bus, 'customer', 'POST', customerApi.create.path, { caller: head1, body });
    expect(res.status).toBe(403);
    const read = await apiRequest(bus, 'platform', 'GET', auditApi.auditLog.path, { caller: head1 });
    expect(read.status).toBe(403);
    const rows = await waitFor((r) => r.userId === 'u-head1' && r.result === 'FORBIDDEN', 2);
    expect(rows.map((r) => r.action).sort()).toEqual(['customer.create', 'platform.auditLog']);
    expect(rows.every((r) => r.status === 403)).toBe(true);
  });

  it('records logins through the gateway: refused (filed under the user’s bank), unknown and accepted', async () => {
    expect((await login('am2', 'wrong-password')).status).toBe(401);
    expect((await login('nobody-here', 'wrong-password')).status).toBe(401);
    expect((await login('am2', 'Zhanye@2026')).status).toBe(200);
    const rows = await waitFor((r) => r.action === 'auth.login', 3);
    const refused = rows.find((r) => r.username === 'am2' && r.result === 'UNAUTHENTICATED')!;
    expect(refused).toMatchObject({ userId: 'u-am2', bankId: 'bank-a', status: 401, service: 'platform' });
    expect(refused.chain).toBe('bank-a');
    // no bank known: the union's chain, which only union auditors read
    expect(rows.find((r) => r.username === 'nobody-here')).toMatchObject({
      bankId: null,
      chain: '*',
      result: 'UNAUTHENTICATED',
    });
    expect(rows.find((r) => r.username === 'am2' && r.result === 'ok')).toMatchObject({ bankId: 'bank-a' });
    expect(JSON.stringify(rows)).not.toContain('wrong-password');
    // the bank's admin sees the refused login of their user, not the unknown name
    const seen = (await list(adminA, { action: 'auth.login' })).items;
    expect(seen.some((r) => r.username === 'am2')).toBe(true);
    expect(seen.some((r) => r.username === 'nobody-here')).toBe(false);
  });

  it('records a mutation the gateway refuses for a missing CSRF token, with who tried it', async () => {
    const signedIn = await login('am2', 'Zhanye@2026');
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(`${url}/api/customer/customers`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '无令牌', idNumber: '110101199003071236', phone: '13800138002' }),
    });
    expect(res.status).toBe(403);
    const [row] = await waitFor((r) => r.service === 'gateway' && r.result === 'FORBIDDEN');
    expect(row).toMatchObject({
      userId: 'u-am2',
      bankId: 'bank-a',
      status: 403,
      action: 'gateway.POST /customer/customers',
      input: { reason: 'missing or invalid CSRF token' },
    });
  });

  it('keeps the before and after a handler notes (credit: a withdrawal, status)', async () => {
    const c = await apiRequest(bus, 'customer', 'POST', customerApi.create.path, {
      caller: am1,
      body: { name: '撤回客户', idNumber: '110101199003079999', phone: '13800139999' },
    });
    const customerId = customerApi.create.output.parse(c.body).id;
    const products = await apiRequest(bus, 'credit', 'GET', '/products', { caller: am1 });
    const product = (products.body as { items: { id: string; code: string }[] }).items.find(
      (p) => p.code === 'FARMER_CREDIT',
    )!;
    const draft = {
      customerId,
      productId: product.id,
      amount: '50000.00',
      termMonths: 12,
      repaymentMethod: 'equal_installment',
      guaranteeType: 'credit',
      annualIncome: '200000',
      purpose: '装修',
    };
    const created = await apiRequest(bus, 'credit', 'POST', '/applications', { caller: am1, body: draft });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = (created.body as { id: string }).id;
    const withdraw = () =>
      apiRequest(bus, 'credit', 'POST', `/applications/${id}/withdraw`, {
        caller: am1,
        body: { version: 1, comment: '客户放弃' },
      });
    expect((await withdraw()).status).toBe(200);
    expect((await withdraw()).status).toBe(409);
    const rows = await waitFor((r) => r.action === 'credit.withdrawApplication' && r.target === id, 2);
    expect(rows.find((r) => r.result === 'ok')).toMatchObject({
      userId: 'u-am1',
      before: { status: 'draft' },
      after: { status: 'withdrawn', version: 2 },
      input: { id, comment: '客户放弃' },
    });
    // the refused second withdrawal is recorded too, with the state it found and no after
    expect(rows.find((r) => r.result === 'CONFLICT')).toMatchObject({ status: 409, after: null });
  });

  it('filters by user, action and result, and pages', async () => {
    const page = await list(adminA, { user: 'am1', action: 'customer.create', result: 'ok', pageSize: '1' });
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ username: 'am1', action: 'customer.create', result: 'ok' });
    const future = await list(adminA, { from: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.total).toBe(0);
  });

  it('keeps another bank’s records from its admins; the union auditor (scope all) sees every bank', async () => {
    expect((await list(adminA)).total).toBeGreaterThan(0);
    const b = await list(adminB);
    expect(b.items.filter((r) => r.bankId !== 'bank-b')).toEqual([]);
    expect((await list(unionAuditor)).items.some((r) => r.bankId === 'bank-a')).toBe(true);
  });

  it('appends concurrent records of two banks from two platform copies into two unbroken chains', async () => {
    const count = async () =>
      Number(
        (await platform.ds.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'customer.create'"))[0]
          .n,
      );
    const before = await count();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apiRequest(bus, 'customer', 'POST', customerApi.create.path, {
          caller: i % 2 ? bam1 : am1,
          body: { name: `并发${i}`, idNumber: `1101011990030${String(7000 + i)}`, phone: '13800138000' },
        }),
      ),
    );
    for (let i = 0; i < 100 && (await count()) < before + 20; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await count()).toBe(before + 20);
    // each chain numbered 1..n on its own, and holding its bank's records only
    const rows: { chain: string; seq: string; bank_id: string | null }[] = await platform.ds.query(
      'SELECT chain, seq, bank_id FROM audit_log ORDER BY chain, seq',
    );
    const chains = new Map<string, number[]>();
    for (const r of rows) chains.set(r.chain, [...(chains.get(r.chain) ?? []), Number(r.seq)]);
    expect(chains.get('bank-b')?.length).toBeGreaterThanOrEqual(10);
    for (const [chain, seqs] of chains) {
      expect(seqs, chain).toEqual(seqs.map((_, i) => i + 1));
    }
    expect(rows.filter((r) => r.chain !== '*' && r.bank_id !== r.chain)).toEqual([]);
    expect(rows.filter((r) => r.chain === '*' && r.bank_id !== null)).toEqual([]);
    // a bank admin reads a gap-free numbering of their bank's chain: nothing of other banks' volume
    const a = (await list(adminA, { pageSize: '200' })).items;
    expect(new Set(a.map((r) => r.chain))).toEqual(new Set(['bank-a']));
    expect(a.map((r) => r.seq).sort((x, y) => x - y)).toEqual(chains.get('bank-a'));
    // a bank admin verifies their bank's chain only; the union auditor every chain
    const n = (chain: string) => chains.get(chain)?.length ?? 0;
    expect(await verify(adminA)).toEqual({
      ok: true,
      checked: n('bank-a'),
      chains: [{ chain: 'bank-a', ok: true, checked: n('bank-a') }],
    });
    expect(await verify(adminB)).toMatchObject({ ok: true, checked: n('bank-b') });
    const union = await verify(unionAuditor);
    expect(union).toMatchObject({ ok: true, checked: rows.length });
    expect(union.chains?.map((c) => c.chain)).toEqual([...chains.keys()].sort());
  });

  it('verify names the chain and seq of a record changed in SQL, and the first one removed', async () => {
    const [row] = await waitFor(
      (r) => r.action === 'customer.create' && r.result === 'ok' && r.bankId === 'bank-a',
    );
    const seq = row!.seq;
    expect(row!.chain).toBe('bank-a');
    await platform.ds.query(`UPDATE audit_log SET result = 'FORBIDDEN' WHERE chain = 'bank-a' AND seq = ?`, [
      seq,
    ]);
    expect(await verify()).toMatchObject({
      ok: false,
      chain: 'bank-a',
      brokenAt: seq,
      reason: 'record changed',
    });
    // the other bank's chain still holds; the union auditor sees which one broke
    expect(await verify(adminB)).toMatchObject({ ok: true });
    const union = await verify(unionAuditor);
    expect(union).toMatchObject({ ok: false, chain: 'bank-a', brokenAt: seq, reason: 'record changed' });
    expect(union.chains?.find((c) => c.chain === 'bank-b')).toMatchObject({ ok: true });
    await platform.ds.query(`UPDATE audit_log SET result = 'ok' WHERE chain = 'bank-a' AND seq = ?`, [seq]);
    expect((await verify()).ok).toBe(true);
    // the actor rewritten to blame someone else
    await platform.ds.query(
      `UPDATE audit_log SET username = 'someone-else' WHERE chain = 'bank-a' AND seq = 2`,
    );
    expect(await verify()).toMatchObject({ ok: false, chain: 'bank-a', brokenAt: 2 });
    // a record moved into another bank's chain breaks both
    const [b] = await platform.ds.query("SELECT MAX(seq) AS last FROM audit_log WHERE chain = 'bank-b'");
    await platform.ds.query(
      "UPDATE audit_log SET chain = 'bank-a', seq = 100000 WHERE chain = 'bank-b' AND seq = ?",
      [b.last],
    );
    expect(await verify(adminB)).toMatchObject({ ok: false, chain: 'bank-b', brokenAt: Number(b.last) });
    await platform.ds.query(
      "UPDATE audit_log SET chain = 'bank-b', seq = ? WHERE chain = 'bank-a' AND seq = 100000",
      [b.last],
    );
    expect((await verify(adminB)).ok).toBe(true);
    // removing a record (and renumbering would still break the next link)
    await platform.ds.query("DELETE FROM audit_log WHERE chain = 'bank-a' AND seq = 1");
    expect(await verify()).toMatchObject({
      ok: false,
      chain: 'bank-a',
      brokenAt: 1,
      reason: 'record missing',
    });
    expect((await verify(adminB)).ok).toBe(true);
  });

  it('appends a redelivered event once', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const envelope: EventEnvelope = {
      id,
      subject: auditSubject('test'),
      occurredAt: new Date().toISOString(),
      bankId: 'bank-a',
      payload: {
        userId: 'u-am1',
        username: 'am1',
        bankId: 'bank-a',
        orgId: 'a-br1',
        orgPath: '/bank-a/a-hq/a-br1/',
        action: 'test.redelivered',
        target: null,
        result: 'ok',
        status: 200,
        requestId: 'req-redelivered',
        service: 'test',
        at: new Date().toISOString(),
      },
    };
    // two publishes with distinct message ids get past JetStream's duplicate window, as a
    // redelivery after a crash would
    for (const msgID of ['a', 'b']) {
      await bus.js.publish(bus.subject(auditSubject('test')), JSON.stringify(envelope), {
        msgID: `${id}-${msgID}`,
      });
    }
    await waitFor((r) => r.action === 'test.redelivered');
    await new Promise((r) => setTimeout(r, 500));
    const [{ n }] = await platform.ds.query('SELECT COUNT(*) AS n FROM audit_log WHERE id = ?', [id]);
    expect(Number(n)).toBe(1);
  });

  it('files a record under the service whose subject it came on, and marks one that claims another', async () => {
    const payload = {
      userId: 'u-am1',
      username: 'am1',
      bankId: 'bank-a',
      orgId: 'a-br1',
      orgPath: '/bank-a/a-hq/a-br1/',
      action: 'credit.approveApplication',
      target: null,
      result: 'ok',
      status: 200,
      requestId: 'req-spoofed',
      service: 'credit',
      at: new Date().toISOString(),
    };
    const id = '00000000-0000-4000-8000-000000000002';
    // published on marketing's subject (all NATS would let marketing do) but naming credit
    const envelope: EventEnvelope = {
      id,
      subject: auditSubject('credit'),
      occurredAt: payload.at,
      bankId: 'bank-a',
      payload,
    };
    await bus.js.publish(bus.subject(auditSubject('marketing')), JSON.stringify(envelope), { msgID: id });
    const [record] = await waitFor((r) => r.requestId === 'req-spoofed');
    expect(record).toMatchObject({ service: 'marketing', result: 'SPOOFED_SERVICE' });
    expect(record?.input).toMatchObject({ claimedService: 'credit' });
  });
});
