import type { Browser } from '@playwright/test';
import { type Api, apiAs } from './api.ts';
import { uniquePerson } from './data.ts';

/** A 1x1 PNG standing in for a signed scan. */
export const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface App {
  id: string;
  version: number;
  status: string;
  productId: string;
  productVersion: number;
  prescreen: { decisionId: string } | null;
  limitId: string | null;
}

/** A date `offset` days from today, `YYYY-MM-DD`. */
export const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo staff driving credit applications through the API (the set-up of page tests): each user
 * signed in in their own browser context.
 */
export class CreditApi {
  private apis = new Map<string, Api>();
  private products = new Map<string, string>();
  constructor(private readonly browser: Browser) {}

  async as(username: string): Promise<Api> {
    let api = this.apis.get(username);
    if (!api) {
      const ctx = await this.browser.newContext();
      api = await apiAs(ctx.request, username);
      this.apis.set(username, api);
    }
    return api;
  }

  async product(code: string) {
    if (!this.products.size) {
      const { items } = await (await this.as('am1'))<{ items: { id: string; code: string }[] }>(
        'GET',
        '/credit/products',
      );
      for (const p of items) this.products.set(p.code, p.id);
    }
    return this.products.get(code)!;
  }

  /** A customer of am1 with a signed bureau authorisation. */
  async customer(prefix: string, bureau: 'clean' | 'overdue' | 'blacklisted' = 'clean') {
    const am1 = await this.as('am1');
    const p = uniquePerson(prefix, bureau);
    const c = await am1<{ id: string; name: string }>('POST', '/customer/customers', {
      ...p,
      segment: 'existing',
    });
    await am1('POST', '/credit/bureau/authorizations', {
      customerId: c.id,
      purpose: 'loan_approval',
      validFrom: day(),
      validTo: day(364),
      scan: { filename: '征信授权书.png', mime: 'image/png', base64: PNG },
    });
    return c;
  }

  async apply(customerId: string, productCode: string, amount: string, submit = true): Promise<App> {
    const am1 = await this.as('am1');
    const app = await am1<App>('POST', '/credit/applications', {
      customerId,
      productId: await this.product(productCode),
      amount,
      termMonths: 12,
      repaymentMethod: 'equal_installment',
      guaranteeType:
        productCode === 'BUSINESS'
          ? 'guarantee'
          : productCode === 'MORTGAGE_BUSINESS'
            ? 'mortgage'
            : 'credit',
      annualIncome: '300000',
      purpose: '购买饲料和种苗',
    });
    return submit ? am1<App>('POST', `/credit/applications/${app.id}/submit`, { version: app.version }) : app;
  }

  async step(who: string, id: string, path: string, body: Record<string, unknown> = {}): Promise<App> {
    const api = await this.as(who);
    const app = await api<App>('GET', `/credit/applications/${id}`);
    return api<App>('POST', `/credit/applications/${id}/${path}`, { version: app.version, ...body });
  }

  /** The product form, answered. */
  async form(app: App) {
    const p = await (await this.as('am1'))<{
      investigationForm: { key: string; type: string; options?: { value: string }[] }[];
    }>('GET', `/credit/products/${app.productId}?version=${app.productVersion}`);
    return Object.fromEntries(
      p.investigationForm.map((f) => [
        f.key,
        f.type === 'money' || f.type === 'number'
          ? '120000'
          : f.type === 'date'
            ? day()
            : f.type === 'select'
              ? (f.options?.[0]?.value ?? '')
              : '经实地走访，情况属实',
      ]),
    );
  }

  async investigate(id: string, lead = 'inv1', assistant = 'inv2') {
    const api = await this.as(lead);
    const app = await api<App>('GET', `/credit/applications/${id}`);
    await api('PUT', `/credit/applications/${id}/investigation`, {
      version: app.version,
      assistantId: `u-${assistant}`,
      form: await this.form(app),
    });
    await this.step(lead, id, 'investigation/submit');
    return this.step(assistant, id, 'investigation/confirm');
  }

  /** 包办制 to the end: the manager fills the form and completes it. */
  async completeOneStop(id: string) {
    const am1 = await this.as('am1');
    const app = await am1<App>('GET', `/credit/applications/${id}`);
    await am1('PUT', `/credit/applications/${id}/investigation`, {
      version: app.version,
      assistantId: null,
      form: await this.form(app),
    });
    return this.step('am1', id, 'complete', { comment: '办结' });
  }
}
