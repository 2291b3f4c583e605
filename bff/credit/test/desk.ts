/**
 * A credit desk for tests and benchmarks: the gateway and every service the credit process talks
 * to (platform with the demo bank, customer, risk, marketing, the bureau simulator, credit), in a
 * fresh namespace, and signed-in demo staff who drive applications through the real API.
 */

import assert from 'node:assert/strict';
import type { CreditApplication } from '@zhanye/contracts';
import { startCustomerService } from '../../customer/src/app.ts';
import {
  Browser,
  gatewayTestConfig,
  startTestGateway,
  type TestGateway,
} from '../../gateway/test/support.ts';
import { startMarketingService } from '../../marketing/src/app.ts';
import { startPlatformService } from '../../platform/src/app.ts';
import { startRiskService } from '../../risk/src/app.ts';
import { startBureauService } from '../../sim-bureau/src/app.ts';
import { startCreditService } from '../src/app.ts';

import { PNG } from './matrix/applications.ts';

const today = () => new Date().toISOString().slice(0, 10);
const nextYear = () => new Date(Date.now() + 364 * 86_400_000).toISOString().slice(0, 10);

export type App = CreditApplication;

export class CreditDesk {
  private browsers = new Map<string, Browser>();
  private seq = Math.floor(Math.random() * 1e5) * 10;
  products = new Map<string, string>();

  private constructor(
    readonly gw: TestGateway,
    readonly credit: Awaited<ReturnType<typeof startCreditService>>,
    private readonly stops: (() => Promise<void>)[],
  ) {}

  static async start(env: Record<string, string> = {}) {
    const cfg = gatewayTestConfig(env);
    const gw = await startTestGateway(cfg, 'credit-desk');
    const { bus, log } = gw;
    const stops: (() => Promise<void>)[] = [];
    const platform = await startPlatformService(cfg, bus, log, { seedDemo: true });
    stops.push(platform.stop);
    for (const start of [startCustomerService, startRiskService, startMarketingService, startBureauService]) {
      stops.push((await start(cfg as never, bus, log)).stop);
    }
    const credit = await startCreditService(cfg, bus, log, { jobs: false });
    stops.push(credit.stop);
    const desk = new CreditDesk(gw, credit, stops);
    await desk.signIn('am1');
    const { items } = (await desk.as('am1').get('/api/credit/products')).body as {
      items: { id: string; code: string }[];
    };
    for (const p of items) desk.products.set(p.code, p.id);
    return desk;
  }

  async close() {
    await this.gw.close(this.stops);
  }

  /** A demo user's signed-in browser (one per user, signed in on first use). */
  as(username: string): Browser {
    let b = this.browsers.get(username);
    if (!b) {
      b = new Browser(this.gw.url);
      this.browsers.set(username, b);
    }
    return b;
  }

  async signIn(...users: string[]) {
    for (const u of users) assert.equal((await this.as(u).login(u)).status, 200, u);
  }

  /**
   * A customer of the user; `bureau` picks what the simulated bureau reports (the ID number's
   * second-to-last digit: 0 overdue history, 9 blacklisted).
   */
  async customer(owner = 'am1', bureau: 'clean' | 'overdue' | 'blacklisted' = 'clean', authorize = true) {
    this.seq += 10;
    const digit = bureau === 'overdue' ? 0 : bureau === 'blacklisted' ? 9 : 1 + (this.seq % 8);
    const idNumber = `3301021988${String(this.seq).padStart(6, '0').slice(-6)}${digit}X`;
    const c = await this.as(owner).post('/api/customer/customers', {
      name: `测试客户${this.seq}`,
      idNumber,
      phone: `139${String(this.seq).padStart(8, '0').slice(-8)}`,
      segment: 'existing',
    });
    assert.equal(c.status, 200, JSON.stringify(c.body));
    if (authorize) await this.authorize(owner, c.body.id);
    return c.body as { id: string; name: string };
  }

  async authorize(owner: string, customerId: string) {
    const a = await this.as(owner).post('/api/credit/bureau/authorizations', {
      customerId,
      purpose: 'loan_approval',
      validFrom: today(),
      validTo: nextYear(),
      scan: { filename: '征信授权书.png', mime: 'image/png', base64: PNG },
    });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    return a.body;
  }

  async create(
    owner: string,
    customerId: string,
    productCode: string,
    amount: string,
    over: Record<string, unknown> = {},
  ): Promise<App> {
    const res = await this.as(owner).post('/api/credit/applications', {
      customerId,
      productId: this.products.get(productCode),
      amount,
      termMonths: 12,
      repaymentMethod: 'equal_installment',
      guaranteeType:
        productCode === 'MORTGAGE_BUSINESS'
          ? 'mortgage'
          : productCode === 'BUSINESS'
            ? 'guarantee'
            : 'credit',
      annualIncome: '300000.00',
      purpose: '生产经营周转',
      ...over,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  async get(who: string, id: string): Promise<App> {
    const res = await this.as(who).get(`/api/credit/applications/${id}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  /** A step as a user: the raw answer (status and body). */
  async step(who: string, app: { id: string }, path: string, body: Record<string, unknown> = {}) {
    const fresh = await this.get(who, app.id).catch(() => null);
    return this.as(who).post(`/api/credit/applications/${app.id}/${path}`, {
      version: fresh?.version ?? 1,
      ...body,
    });
  }

  /** A step that must work; returns the application after it. */
  async ok(who: string, app: { id: string }, path: string, body: Record<string, unknown> = {}): Promise<App> {
    const res = await this.step(who, app, path, body);
    assert.equal(res.status, 200, `${who} ${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The product form's required answers, filled in. */
  async form(app: App) {
    const p = await this.as('am1').get(`/api/credit/products/${app.productId}?version=${app.productVersion}`);
    const out: Record<string, string> = {};
    for (const f of p.body.investigationForm as {
      key: string;
      type: string;
      options?: { value: string }[];
    }[]) {
      out[f.key] =
        f.type === 'money' || f.type === 'number'
          ? '100000'
          : f.type === 'date'
            ? today()
            : f.type === 'select'
              ? (f.options?.[0]?.value ?? 'x')
              : '调查属实';
    }
    return out;
  }

  async saveInvestigation(lead: string, app: App, assistantId: string | null) {
    const fresh = await this.get(lead, app.id);
    return this.as(lead).send('PUT', `/api/credit/applications/${app.id}/investigation`, {
      version: fresh.version,
      assistantId,
      form: await this.form(app),
    });
  }

  /** The front desk: the lead investigates with an assistant, who confirms; it goes to review. */
  async investigate(app: App, lead = 'inv1', assistant = 'inv2'): Promise<App> {
    const saved = await this.saveInvestigation(lead, app, `u-${assistant}`);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    await this.ok(lead, app, 'investigation/submit');
    return this.ok(assistant, app, 'investigation/confirm');
  }
}
