import { expect, test } from '@playwright/test';
import { allEndpoints, type Endpoint, pathParams } from '@zhanye/contracts';
import { PASSWORD } from '../support/data.ts';

const BAD_IDS = ['x', '0', '..%2F..%2Fetc', '00000000-0000-4000-8000-000000000000', "1' OR '1'='1", '%00'];
const BAD_BODIES: unknown[] = [
  null,
  [],
  'text',
  42,
  {
    customerId: 'nope',
    amount: Number.MAX_VALUE,
    termMonths: -1,
    name: 'x'.repeat(10_000),
    page: { $gt: 1 },
  },
  { amount: '12.345', annualIncome: '-1', idNumber: '1'.repeat(18), phone: '1'.repeat(30) },
  { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } },
];
const BAD_QUERIES = [
  'page=-1',
  'pageSize=100000',
  'page=abc',
  `q=${'x'.repeat(500)}`,
  'status=nope',
  'q[$gt]=1',
];

const pathWith = (e: Endpoint, id: string) =>
  `/api/${e.domain}${pathParams(e.path).reduce((p, name) => p.replace(`:${name}`, id), e.path as string)}`;

test('malformed input on every endpoint: never a 5xx, always the JSON error shape', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  for (const username of ['am1', 'approver1']) {
    const api = await playwright.request.newContext({ baseURL });
    const login = await api.post('/api/auth/login', { data: { username, password: PASSWORD } });
    expect(login.ok()).toBe(true);
    const csrf = (await api.storageState()).cookies.find((c) => c.name === 'zy_csrf')!.value;
    const headers = { 'x-csrf-token': csrf };
    const failures: string[] = [];
    const check = async (what: string, res: { status(): number; json(): Promise<unknown> }) => {
      const status = res.status();
      if (status >= 500) failures.push(`${what} -> ${status}`);
      if (status >= 400) {
        const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
        if (!body?.error?.code) failures.push(`${what} -> ${status} without the error shape`);
      }
    };
    // every probe, then sent 8 at a time (the endpoints are many; each probe is independent)
    const probes: (() => Promise<void>)[] = [];
    for (const e of allEndpoints().filter((x) => x.domain !== 'auth')) {
      const ids = pathParams(e.path).length ? BAD_IDS : [''];
      for (const id of ids) {
        const url = pathWith(e, id);
        if (e.mutation) {
          for (const body of BAD_BODIES) {
            probes.push(async () => {
              const res = await api.fetch(url, { method: e.method, headers, data: body as never });
              await check(`${username} ${e.method} ${url} ${JSON.stringify(body)?.slice(0, 60)}`, res);
            });
          }
          probes.push(async () => {
            const raw = await api.fetch(url, {
              method: e.method,
              headers: { ...headers, 'content-type': 'application/json' },
              data: '{"unterminated',
            });
            await check(`${username} ${e.method} ${url} raw`, raw);
          });
        } else {
          for (const q of BAD_QUERIES) {
            probes.push(async () => check(`${username} GET ${url}?${q}`, await api.get(`${url}?${q}`)));
          }
        }
      }
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < probes.length) await probes[next++]!();
      }),
    );
    expect(failures).toEqual([]);
    await api.dispose();
  }
});
