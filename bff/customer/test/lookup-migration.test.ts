/**
 * The lookup hashes on a database the previous release left: the migration fills the hash columns
 * of every existing row; a row written without them (a previous copy during a rolling update) is
 * filled at the next start; a changed key recomputes them all. Exact search works after each.
 */
import { customerApi, Permissions } from '@zhanye/contracts';
import { type Bus, connectBus, createLogger, openDatabase } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustomerService } from '../src/app.ts';
import { Customer1764100000000 } from '../src/migrations/1764100000000-customer.ts';

const cfg = testConfig();
const log = createLogger('lookup-migration-test', 'silent');
let bus: Bus;
const reader = principal({ userId: 'u-reader', permissions: [Permissions.customerRead], dataScope: 'bank' });

/** A customer row as the previous release wrote it (no hash columns yet, or left NULL). */
const row = (n: number, bank = 'bank-a') => [
  `00000000-0000-4000-8000-00000000000${n}`,
  bank,
  'a-br1',
  '/bank-a/a-hq/a-br1/',
  'u-am1',
  '张经理',
  `旧客户${n}`,
  `11010119900307123${n}`,
  `1380013800${n}`,
  'prospect',
];
const INSERT = `INSERT INTO customer (id, bank_id, org_id, org_path, owner_id, owner_name, name, id_number, phone,
    segment, created_by, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'u-am1', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`;

async function search(q: string): Promise<string[]> {
  const res = await apiRequest(bus, 'customer', 'GET', '/customers', { caller: reader, query: { q } });
  return customerApi.list.output.parse(res.body).items.map((c) => c.name);
}

beforeAll(async () => {
  bus = await connectBus(cfg, 'lookup-migration-test', log);
  const before = await openDatabase({
    cfg,
    service: 'customer',
    entities: [],
    migrations: [Customer1764100000000],
    log,
  });
  for (const n of [1, 2]) await before.query(INSERT, row(n));
  await before.destroy();
});
afterAll(async () => {
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('lookup hashes of existing customers', () => {
  let hashes = '';

  it('the migration fills the hash columns of every existing row', async () => {
    const svc = await startCustomerService(cfg, bus, log);
    try {
      const missing = await svc.ds.query(
        'SELECT COUNT(*) AS n FROM customer WHERE id_number_hash IS NULL OR phone_hash IS NULL',
      );
      expect(Number(missing[0].n)).toBe(0);
      expect(await search('110101199003071231')).toEqual(['旧客户1']);
      expect(await search('13800138002')).toEqual(['旧客户2']);
      expect(await search('1231')).toEqual([]);
      hashes = JSON.stringify(
        await svc.ds.query('SELECT HEX(id_number_hash) AS h FROM customer ORDER BY id'),
      );
      // a previous copy, still running during a rolling update, writes a row without hashes
      await svc.ds.query(INSERT, row(3));
    } finally {
      await svc.stop();
    }
  });

  it('the next start fills rows written without hashes', async () => {
    const svc = await startCustomerService(cfg, bus, log);
    try {
      expect(await search('110101199003071233')).toEqual(['旧客户3']);
    } finally {
      await svc.stop();
    }
  });

  it('a changed key computes every hash again: search keeps working', async () => {
    const svc = await startCustomerService(
      { ...cfg, ZY_CUSTOMER_LOOKUP_KEY: 'another-lookup-key-of-at-least-32-chars' },
      bus,
      log,
    );
    try {
      const now = JSON.stringify(
        await svc.ds.query('SELECT HEX(id_number_hash) AS h FROM customer ORDER BY id LIMIT 2'),
      );
      expect(now).not.toBe(hashes);
      expect(await search('110101199003071231')).toEqual(['旧客户1']);
      expect(await search('13800138003')).toEqual(['旧客户3']);
    } finally {
      await svc.stop();
    }
  });
});
