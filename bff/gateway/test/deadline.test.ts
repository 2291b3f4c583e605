import { auditSubject, creditTodos, Permissions } from '@zhanye/contracts';
import { apiRequest, principal, until } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreditService } from '../../credit/src/app.ts';
import { PNG } from '../../credit/test/matrix/applications.ts';
import { startCustomerService } from '../../customer/src/app.ts';
import { startPlatformService } from '../../platform/src/app.ts';
import { startRiskService } from '../../risk/src/app.ts';
import { startBureauService } from '../../sim-bureau/src/app.ts';
import { Browser, gatewayTestConfig, startTestGateway, type TestGateway } from './support.ts';

/**
 * Work goes on after the client was told 504 only until the deadline the gateway sent with it:
 * a credit application whose write is held up (a lock, a slow database) past the gateway's API
 * timeout is rolled back, not committed after the browser heard "timed out".
 */

const cfg = gatewayTestConfig({ API_TIMEOUT_MS: '1500' });
let gw: TestGateway;
let credit: Awaited<ReturnType<typeof startCreditService>>;
let lock: ReturnType<typeof credit.ds.createQueryRunner>;
const stops: (() => Promise<void>)[] = [];
const am1 = () => new Browser(gw.url);

beforeAll(async () => {
  gw = await startTestGateway(cfg, 'deadline-test');
  const { bus, log } = gw;
  const platform = await startPlatformService(cfg, bus, log, { seedDemo: true });
  const customer = await startCustomerService(cfg, bus, log);
  const risk = await startRiskService(cfg, bus, log);
  const bureau = await startBureauService(cfg, bus, log);
  credit = await startCreditService(cfg, bus, log, { jobs: false });
  stops.push(platform.stop, customer.stop, risk.stop, bureau.stop, credit.stop);
  // another session of the credit database, holding locks as a slow transaction would
  lock = credit.ds.createQueryRunner();
  await lock.connect();
});
afterAll(async () => {
  await lock?.release();
  await gw?.close(stops);
});

const applications = async () =>
  Number((await credit.ds.query('SELECT COUNT(*) AS n FROM credit_application'))[0].n);
/** The handler has finished when its audit record is in the outbox (written after the answer is decided). */
const finished = (requestId: string) =>
  until(
    async () =>
      (
        await credit.ds.query(
          "SELECT id FROM outbox WHERE subject = ? AND JSON_VALUE(payload, '$.requestId') = ?",
          [auditSubject('credit'), requestId],
        )
      ).length > 0,
    15_000,
    `request ${requestId} finished`,
  );

async function signedIn(username: string) {
  const b = am1();
  expect((await b.login(username)).status).toBe(200);
  return b;
}

let customerId: string;
let productId: string;
const draft = () => ({
  customerId,
  productId,
  amount: '50000.00',
  termMonths: 12,
  repaymentMethod: 'equal_installment',
  guaranteeType: 'credit',
  annualIncome: '200000',
  purpose: '购置农机',
});

describe('deadlines', () => {
  it('a credit application whose insert is held past the 504 is not stored', async () => {
    const b = await signedIn('am1');
    const c = await b.post('/api/customer/customers', {
      name: '期限测试',
      idNumber: '330102199001011236',
      phone: '13900009001',
      segment: 'existing',
    });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    customerId = c.body.id;
    const products = await b.get('/api/credit/products');
    productId = products.body.items.find((p: { code: string }) => p.code === 'FARMER_CREDIT').id;
    const day = new Date().toISOString().slice(0, 10);
    const authorized = await b.post('/api/credit/bureau/authorizations', {
      customerId,
      purpose: 'loan_approval',
      validFrom: day,
      validTo: `${Number(day.slice(0, 4)) + 1}${day.slice(4, 8)}01`,
      scan: { filename: '授权书.png', mime: 'image/png', base64: PNG },
    });
    expect(authorized.status, JSON.stringify(authorized.body)).toBe(200);
    expect((await b.post('/api/credit/applications', draft())).status).toBe(200);
    const before = await applications();

    await lock.query('LOCK TABLES credit_application WRITE');
    const res = await b.post('/api/credit/applications', draft());
    await lock.query('UNLOCK TABLES');
    expect(res.status).toBe(504);
    await finished(res.res.headers.get('x-request-id')!);
    expect(await applications()).toBe(before);
  });

  it('a step whose update is held past the 504 does not commit and publishes nothing', async () => {
    const b = await signedIn('am1');
    const created = await b.post('/api/credit/applications', draft());
    const submitted = await b.post(`/api/credit/applications/${created.body.id}/submit`, { version: 1 });
    expect(submitted.body.status, JSON.stringify(submitted.body)).toBe('investigating');
    const closedEvents = async () =>
      Number(
        (
          await credit.ds.query('SELECT COUNT(*) AS n FROM outbox WHERE subject = ?', [
            creditTodos.closed.subject,
          ])
        )[0].n,
      );
    const eventsBefore = await closedEvents();

    await lock.query('START TRANSACTION');
    await lock.query('SELECT id FROM credit_application WHERE id = ? FOR UPDATE', [created.body.id]);
    const res = await b.post(`/api/credit/applications/${created.body.id}/withdraw`, {
      version: submitted.body.version,
      comment: '客户放弃',
    });
    await lock.query('COMMIT');
    expect(res.status).toBe(504);
    await finished(res.res.headers.get('x-request-id')!);

    const after = await b.get(`/api/credit/applications/${created.body.id}`);
    expect(after.body.status).toBe('investigating');
    // the to-do it would have closed is still open, and no event says otherwise
    expect(await closedEvents()).toBe(eventsBefore);
  });

  it('refuses work whose deadline has passed before it starts (504, the handler never runs)', async () => {
    const before = await applications();
    const caller = principal({
      userId: 'u-am1',
      permissions: [Permissions.applicationCreate],
      dataScope: 'org',
    });
    const reply = await apiRequest(gw.bus, 'credit', 'POST', '/applications', {
      caller,
      body: draft(),
      timeoutMs: 0,
    });
    expect(reply.status).toBe(504);
    expect((reply.body as { error: { code: string } }).error.code).toBe('TIMEOUT');
    expect(await applications()).toBe(before);
  });
});
