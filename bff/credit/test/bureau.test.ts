import { randomUUID } from 'node:crypto';
import {
  apiSubject,
  type BureauAuthorization,
  type BureauReport,
  type CustomerSummary,
  customerIdentityCall,
  lookupCustomerCall,
  Permissions,
  type Principal,
  REPLY_STATUS_HEADER,
} from '@zhanye/contracts';
import {
  answer,
  type Bus,
  businessDate,
  connectBus,
  createLogger,
  ensureEventStream,
  NotFoundError,
  openDatabase,
  type RunningService,
  scopeSql,
  startOutboxRelay,
  startService,
} from '@zhanye/kit';
import { dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// the real bureau simulator, through its own composition root (test-only cross-package import)
import { startBureauService } from '../../sim-bureau/src/app.ts';
import { simulatedReport } from '../../sim-bureau/src/report.ts';
import { type ApplicationRef, bureauSchema, createBureau } from '../src/bureau/index.ts';
import { createFiles, filesRoutes, filesSchema, MAX_FILE_BYTES } from '../src/files/index.ts';
import { Credit1764500000000 } from '../src/migrations/1764500000000-credit.ts';

const cfg = testConfig();
const log = createLogger('bureau-test', (process.env.TEST_LOG ?? 'silent') as 'silent');
let bus: Bus;
let ds: DataSource;
let credit: RunningService;
let customerStub: RunningService;
let bureauSim: { stop(): Promise<void> };
let relay: ReturnType<typeof startOutboxRelay>;
let bureau: ReturnType<typeof createBureau>;
/** What the applications part heard from the route (`useApplications`' `onReport`). */
const kept: { applicationId: string; reportId: string }[] = [];

const perms = [
  Permissions.applicationRead,
  Permissions.applicationInvestigate,
  Permissions.bureauAuthorize,
  Permissions.bureauQuery,
];
const am = principal({ permissions: perms, dataScope: 'org', posts: ['account_manager'] });
/** Another branch of bank A (org scope): sees neither the branch-1 records nor its customers. */
const am2 = principal({
  userId: 'u-am2',
  username: 'am2',
  displayName: '李经理',
  orgId: 'a-br2',
  orgPath: '/bank-a/a-hq/a-br2/',
  permissions: perms,
  dataScope: 'org',
});
const otherBank = principal({
  userId: 'u-b-am1',
  bankId: 'bank-b',
  bankName: '乙农商银行',
  orgId: 'b-br1',
  orgPath: '/bank-b/b-hq/b-br1/',
  permissions: perms,
  dataScope: 'bank',
});
const reader = principal({ userId: 'u-read', permissions: [Permissions.applicationRead], dataScope: 'bank' });

/** Customers of branch 1 of bank A, each with an ID number (the simulator keys on it). */
const customers = new Map<string, { summary: CustomerSummary; idNumber: string }>(
  [
    ['王小明', '110101199001011234'],
    ['李四', '110101198502024321'],
    ['赵六', '110101197703035678'],
  ].map(([name, idNumber]) => {
    const id = randomUUID();
    const summary: CustomerSummary = {
      id,
      name: name!,
      idNumberMasked: `${idNumber!.slice(0, 4)}**********${idNumber!.slice(-4)}`,
      phoneMasked: '138****8000',
      segment: 'existing',
      ownerId: am.userId,
      ownerName: am.displayName,
      orgId: am.orgId,
      createdAt: new Date().toISOString(),
    };
    return [id, { summary, idNumber: idNumber! }] as const;
  }),
);
const [c1, c2, c3] = [...customers.keys()] as [string, string, string];
/** The customer service's rule for the stand-in: bank A's branch-1 customers, for callers who see branch 1. */
const sees = (caller: Principal) =>
  caller.bankId === 'bank-a' && (caller.dataScope !== 'org' || caller.orgId === 'a-br1');

type Answer = { status: number; body: Record<string, unknown> };
/** An API envelope as the gateway sends it, with the browser's address. */
async function call(
  caller: Principal,
  method: 'GET' | 'POST',
  path: string,
  input?: Record<string, unknown>,
) {
  const token = await bus.tokens.sign(caller, 'credit');
  const env = {
    method,
    path,
    query: method === 'GET' ? (input ?? {}) : {},
    body: method === 'POST' ? (input ?? null) : null,
    caller: token,
    requestId: randomUUID(),
    clientIp: '10.1.2.3',
  };
  const msg = await bus.nc.request(bus.subject(apiSubject('credit')), JSON.stringify(env), {
    timeout: 10_000,
  });
  return { status: Number(msg.headers?.get(REPLY_STATUS_HEADER) ?? 0), body: msg.json() } as Answer;
}
const ok = <T>(res: Answer): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as T;
};
const errorOf = (res: Answer) =>
  (res.body as { error: { code: string; reason?: string; fields?: Record<string, string[]> } }).error;

/** Smallest files of each type (the bytes start as the type says). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
const scan = { filename: '征信授权书.pdf', mime: 'application/pdf', base64: PDF };

const authorize = (customerId: string, over: Record<string, unknown> = {}, who: Principal = am) =>
  call(who, 'POST', '/bureau/authorizations', {
    customerId,
    purpose: 'loan_approval',
    validFrom: '2026-01-01',
    validTo: '2099-12-31',
    scan,
    ...over,
  });

/** Applications of branch 1 (rows of the real table; the applications part is built elsewhere). */
async function application(customerId: string): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO credit_application (id, bank_id, org_id, org_path, owner_id, customer_id, customer_name,
      product_code, amount, term_months, annual_income, purpose, status, created_by, created_by_name,
      prescreen_reasons, created_at, updated_at)
     VALUES (?, 'bank-a', 'a-br1', '/bank-a/a-hq/a-br1/', ?, ?, '客户', 'consumer', 50000, 12, 200000, '装修',
      'draft', ?, ?, '[]', NOW(3), NOW(3))`,
    [id, am.userId, customerId, am.userId, am.displayName],
  );
  return id;
}
/** What the applications part will hand the bureau and the files: the application in the caller's scope. */
async function resolveApplication(
  caller: Principal,
  id: string,
  mode: 'read' | 'write',
): Promise<ApplicationRef> {
  const scope = scopeSql(caller, 'a', mode);
  const [row] = (await ds.query(
    `SELECT id, bank_id, org_id, org_path, owner_id, customer_id, status FROM credit_application a
     WHERE a.id = ? AND ${scope.sql}`,
    [id, ...scope.params],
  )) as Record<string, string>[];
  if (!row) throw new NotFoundError('application not found');
  return {
    id: row.id!,
    bankId: row.bank_id!,
    orgId: row.org_id!,
    orgPath: row.org_path!,
    ownerId: row.owner_id!,
    customerId: row.customer_id!,
    status: row.status!,
    label: `授信申请 ${row.id!.slice(0, 8)}`,
  };
}

beforeAll(async () => {
  bus = await connectBus(cfg, 'bureau-test', log);
  customerStub = await startService({
    name: 'customer',
    version: '0.0.0',
    bus,
    log,
    routes: [],
    internal: [
      answer(lookupCustomerCall, async ({ input, caller }) => ({
        customer: sees(caller) ? (customers.get(input.id)?.summary ?? null) : null,
      })),
      answer(customerIdentityCall, async ({ input, caller }) => {
        const c = sees(caller) ? customers.get(input.id) : undefined;
        return {
          identity: c
            ? { id: input.id, name: c.summary.name, idNumber: c.idNumber, phone: '13800138000' }
            : null,
        };
      }),
    ],
  });
  bureauSim = await startBureauService(cfg, bus, log);
  // the credit service's database and the two parts, wired as app.ts wires them
  ds = await openDatabase({
    cfg,
    service: 'credit',
    entities: [...filesSchema.entities, ...bureauSchema.entities],
    migrations: [Credit1764500000000, ...filesSchema.migrations, ...bureauSchema.migrations],
    log,
  });
  await ensureEventStream(bus);
  relay = startOutboxRelay(ds, bus, log);
  const deps = { ds, bus, log };
  const files = createFiles(deps);
  bureau = createBureau({ ...deps, files });
  bureau.useApplications(resolveApplication, async (m, _caller, app, report) => {
    // in the report's transaction: it sees the rows about to commit
    const [row] = await m.query('SELECT id FROM credit_bureau_report WHERE id = ?', [report.id]);
    if (row) kept.push({ applicationId: app.id, reportId: report.id });
  });
  credit = await startService({
    name: 'credit',
    version: '0.0.0',
    bus,
    log,
    outbox: { ds, relay },
    routes: [...bureau.routes, ...filesRoutes(files, resolveApplication)],
  });
});
afterAll(async () => {
  await credit?.stop();
  await relay?.stop();
  await ds?.destroy();
  await bureauSim?.stop();
  await customerStub?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('bureau authorisations', () => {
  it('records one with its signed scan; lists it; the scan downloads in scope only', async () => {
    const auth = ok<BureauAuthorization>(await authorize(c1));
    expect(auth).toMatchObject({
      customerId: c1,
      customerName: '王小明',
      purpose: 'loan_approval',
      validFrom: '2026-01-01',
      validTo: '2099-12-31',
      method: 'scan',
      status: 'active',
      valid: businessDate() >= '2026-01-01',
      ownerId: am.userId,
      orgId: am.orgId,
      recordedByName: am.displayName,
    });
    expect(auth.attachmentId).toBeTruthy();
    const list = ok<{ items: BureauAuthorization[] }>(
      await call(am, 'GET', '/bureau/authorizations', { customerId: c1 }),
    );
    expect(list.items.map((a) => a.id)).toContain(auth.id);
    const file = ok<{ filename: string; mime: string; base64: string }>(
      await call(am, 'GET', `/attachments/${auth.attachmentId}`),
    );
    expect(file).toEqual({ filename: '征信授权书.pdf', mime: 'application/pdf', base64: PDF });
    const [row] = await ds.query('SELECT size, sha256, owner_kind FROM credit_attachment WHERE id = ?', [
      auth.attachmentId,
    ]);
    expect(row).toMatchObject({ size: Buffer.from(PDF, 'base64').length, owner_kind: 'authorization' });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    // another bank, another branch: not found, and not listed
    expect((await call(otherBank, 'GET', `/attachments/${auth.attachmentId}`)).status).toBe(404);
    expect((await call(am2, 'GET', `/attachments/${auth.attachmentId}`)).status).toBe(404);
    for (const who of [otherBank, am2]) {
      const theirs = ok<{ items: BureauAuthorization[] }>(
        await call(who, 'GET', '/bureau/authorizations', {}),
      );
      expect(theirs.items.map((a) => a.id)).not.toContain(auth.id);
    }
  });

  it('refuses a customer outside the caller’s scope (404), bad dates and bad files (400); nothing is kept', async () => {
    const before = await ds.query('SELECT COUNT(*) AS n FROM credit_attachment');
    expect((await authorize(c2, {}, otherBank)).status).toBe(404);
    expect((await authorize(c2, {}, am2)).status).toBe(404);
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await authorize(c2, over);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(Object.keys(errorOf(res).fields ?? {}).join()).toContain(field);
    };
    await bad({ validFrom: '2027-01-01', validTo: '2026-12-31' }, 'validTo');
    await bad({ validFrom: '2020-01-01', validTo: '2020-12-31' }, 'validTo');
    await bad({ validTo: '2027-02-30' }, 'validTo');
    await bad({ scan: { ...scan, mime: 'image/gif' } }, 'scan');
    await bad({ scan: { ...scan, mime: 'image/png' } }, 'mime'); // the bytes are a PDF
    await bad({ scan: { ...scan, base64: '!!not base64!!' } }, 'base64');
    await bad({ scan: { ...scan, base64: '' } }, 'base64');
    const big = Buffer.alloc(MAX_FILE_BYTES + 1024);
    Buffer.from('%PDF-1.4\n').copy(big);
    await bad({ scan: { ...scan, base64: big.toString('base64') } }, 'base64');
    expect(await ds.query('SELECT COUNT(*) AS n FROM credit_attachment')).toEqual(before);
  });

  it('revokes with a reason, once; another bank or branch cannot (404)', async () => {
    const auth = ok<BureauAuthorization>(await authorize(c3, { purpose: 'post_loan' }));
    expect(
      (await call(otherBank, 'POST', `/bureau/authorizations/${auth.id}/revoke`, { reason: 'x' })).status,
    ).toBe(404);
    expect(
      (await call(am2, 'POST', `/bureau/authorizations/${auth.id}/revoke`, { reason: 'x' })).status,
    ).toBe(404);
    expect(
      (await call(reader, 'POST', `/bureau/authorizations/${auth.id}/revoke`, { reason: 'x' })).status,
    ).toBe(403);
    const empty = await call(am, 'POST', `/bureau/authorizations/${auth.id}/revoke`, { reason: ' ' });
    expect(empty.status).toBe(400);
    const revoked = ok<BureauAuthorization>(
      await call(am, 'POST', `/bureau/authorizations/${auth.id}/revoke`, { reason: '客户撤回授权' }),
    );
    expect(revoked).toMatchObject({ status: 'revoked', valid: false, revokeReason: '客户撤回授权' });
    expect(revoked.revokedByName).toBe(am.displayName);
    const again = await call(am, 'POST', `/bureau/authorizations/${auth.id}/revoke`, { reason: '再撤' });
    expect(again.status).toBe(409);
    expect(errorOf(again).reason).toBe('ALREADY_REVOKED');
  });
});

describe('bureau queries', () => {
  const query = (who: Principal, applicationId: string) =>
    call(who, 'POST', `/applications/${applicationId}/bureau-report`, {});
  const refused = async (applicationId: string) => {
    const res = await query(am, applicationId);
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(errorOf(res).reason).toBe('NO_AUTHORIZATION');
  };

  it('refuses without a valid authorisation for loan approval: none, another purpose, expired, revoked', async () => {
    const customerId = randomUUID();
    const c = customers.get(c2)!;
    customers.set(customerId, { ...c, summary: { ...c.summary, id: customerId } });
    const app = await application(customerId);
    await refused(app); // none
    ok(await authorize(customerId, { purpose: 'guarantor_check' }));
    await refused(app); // another purpose
    const expired = ok<BureauAuthorization>(await authorize(customerId));
    await ds.query(
      "UPDATE credit_bureau_authorization SET valid_from = '2020-01-01', valid_to = '2020-12-31' WHERE id = ?",
      [expired.id],
    );
    await refused(app); // expired
    const future = ok<BureauAuthorization>(await authorize(customerId, { validFrom: '2099-01-01' }));
    expect(future.valid).toBe(false);
    await refused(app); // not yet valid
    await ds.query("UPDATE credit_bureau_authorization SET valid_from = '2020-01-01' WHERE id = ?", [
      future.id,
    ]);
    ok(await call(am, 'POST', `/bureau/authorizations/${future.id}/revoke`, { reason: '撤回' }));
    await refused(app); // revoked
    expect(
      await ds.query('SELECT COUNT(*) AS n FROM credit_bureau_query WHERE customer_id = ?', [customerId]),
    ).toEqual([{ n: '0' }]);
  });

  it('with an authorisation: the simulator’s report, the same per ID number, kept and logged', async () => {
    const auth = ok<BureauAuthorization>(await authorize(c2));
    const app = await application(c2);
    const report = ok<BureauReport>(await query(am, app));
    const expected = simulatedReport({
      idNumber: customers.get(c2)!.idNumber,
      name: '李四',
      purpose: 'loan_approval',
      authorizationRef: auth.id,
      bankId: 'bank-a',
    });
    expect(report).toMatchObject({ ...expected, customerId: c2, source: 'simulator' });
    // again: the same figures, a new report and a second log entry
    const second = ok<BureauReport>(await query(am, app));
    expect(second.id).not.toBe(report.id);
    expect({ ...second, id: '', queriedAt: '' }).toEqual({ ...report, id: '', queriedAt: '' });
    // another customer (ID number): other figures
    ok(await authorize(c1));
    const other = ok<BureauReport>(await query(am, await application(c1)));
    expect(other.reference).not.toBe(report.reference);

    const kept = ok<BureauReport>(await call(am, 'GET', `/bureau/reports/${report.id}`));
    expect(kept).toEqual(report);
    expect((await call(otherBank, 'GET', `/bureau/reports/${report.id}`)).status).toBe(404);
    expect((await call(am2, 'GET', `/bureau/reports/${report.id}`)).status).toBe(404);

    const log = ok<{
      items: { reportId: string; authorizationId: string; reason: string; queriedByName: string }[];
    }>(await call(am, 'GET', '/bureau/queries', { customerId: c2 }));
    expect(log.items.map((q) => q.reportId).sort()).toEqual([report.id, second.id].sort());
    expect(log.items[0]).toMatchObject({
      authorizationId: auth.id,
      reason: `授信申请 ${app.slice(0, 8)}`,
      queriedByName: am.displayName,
    });
    const [row] = await ds.query(
      'SELECT client_ip, queried_by_posts, org_path FROM credit_bureau_query WHERE report_id = ?',
      [report.id],
    );
    expect(row).toEqual({ client_ip: '10.1.2.3', queried_by_posts: 'account_manager', org_path: am.orgPath });
    for (const who of [otherBank, am2]) {
      expect(
        ok<{ items: unknown[] }>(await call(who, 'GET', '/bureau/queries', { customerId: c2 })).items,
      ).toEqual([]);
    }
  });

  it('tells the applications part in the same transaction; the port queries and reads reports too', async () => {
    const app = await application(c2);
    const report = ok<BureauReport>(await query(am, app));
    expect(kept).toContainEqual({ applicationId: app, reportId: report.id });
    const before = kept.length;
    const viaPort = await bureau.port.report(am, { id: app, customerId: c2, bankId: 'bank-a' }, '提交审批');
    expect(viaPort).toMatchObject({ customerId: c2, score: report.score, reference: report.reference });
    expect(kept.length).toBe(before); // the port's caller keeps the id itself
    expect(await bureau.port.get(viaPort.id)).toEqual(viaPort);
    expect(await bureau.port.get(randomUUID())).toBeNull();
    const [row] = await ds.query('SELECT reason, client_ip FROM credit_bureau_query WHERE report_id = ?', [
      viaPort.id,
    ]);
    expect(row).toEqual({ reason: '提交审批', client_ip: null });
  });

  it('an application outside the caller’s scope is 404; without the permission 403', async () => {
    const app = await application(c2);
    expect((await query(otherBank, app)).status).toBe(404);
    expect((await query(am2, app)).status).toBe(404);
    expect((await query(reader, app)).status).toBe(403);
  });
});

describe('application files', () => {
  it('keeps, lists and downloads files of an application; checks type and size (400); scope 404', async () => {
    const app = await application(c1);
    const added = ok<{ id: string; size: number; sha256: string; kind: string }>(
      await call(am, 'POST', `/applications/${app}/attachments`, {
        kind: 'photo',
        filename: '../门店照片.png',
        mime: 'image/png',
        base64: PNG,
      }),
    );
    expect(added).toMatchObject({ kind: 'photo', size: 12 });
    const list = ok<{ items: { id: string; filename: string }[] }>(
      await call(am, 'GET', `/applications/${app}/attachments`),
    );
    expect(list.items).toEqual([expect.objectContaining({ id: added.id, filename: '.._门店照片.png' })]);
    expect(ok<{ base64: string }>(await call(am, 'GET', `/attachments/${added.id}`)).base64).toBe(PNG);
    const upload = (over: Record<string, unknown>) =>
      call(am, 'POST', `/applications/${app}/attachments`, {
        kind: 'other',
        filename: 'x.pdf',
        mime: 'application/pdf',
        base64: PDF,
        ...over,
      });
    for (const over of [
      { mime: 'text/plain' },
      { mime: 'image/jpeg' },
      { base64: Buffer.alloc(MAX_FILE_BYTES + 1, 0x25).toString('base64') },
    ]) {
      expect((await upload(over)).status).toBe(400);
    }
    for (const who of [otherBank, am2]) {
      expect((await call(who, 'GET', `/applications/${app}/attachments`)).status).toBe(404);
      expect((await call(who, 'GET', `/attachments/${added.id}`)).status).toBe(404);
      expect(
        (
          await call(who, 'POST', `/applications/${app}/attachments`, {
            kind: 'other',
            filename: 'x.pdf',
            mime: 'application/pdf',
            base64: PDF,
          })
        ).status,
      ).toBe(404);
    }
    expect(
      (
        await call(reader, 'POST', `/applications/${app}/attachments`, {
          kind: 'other',
          filename: 'x.pdf',
          mime: 'application/pdf',
          base64: PDF,
        })
      ).status,
    ).toBe(403);
  });
});
