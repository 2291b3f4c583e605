/**
 * A query through TypeORM looks no module up: mysql2's `promise()` used to `require()` its promise
 * wrapper on every query (TypeORM calls it each time), a cost that showed in `pnpm bench:api`.
 */
import Module from 'node:module';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db.ts';
import { createLogger } from '../src/logger.ts';
import { dropNamespace, testConfig } from '../src/testing.ts';

const cfg = testConfig();
let ds: DataSource;

beforeAll(async () => {
  ds = await openDatabase({
    cfg,
    service: 'hotpath',
    entities: [],
    migrations: [],
    log: createLogger('hotpath', 'silent'),
  });
});
afterAll(async () => {
  await ds?.destroy();
  await dropNamespace(cfg);
});

it('runs queries through TypeORM without a require() per query', async () => {
  await ds.query('SELECT 1');
  const require = Module.prototype.require;
  const required: string[] = [];
  Module.prototype.require = function (this: Module, id: string) {
    required.push(id);
    return require.call(this, id);
  } as typeof require;
  try {
    for (let i = 0; i < 20; i++) expect(await ds.query('SELECT ? AS n', [i])).toEqual([{ n: i }]);
  } finally {
    Module.prototype.require = require;
  }
  expect(required).toEqual([]);
});
