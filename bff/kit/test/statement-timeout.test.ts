import { customerApi, Permissions } from '@zhanye/contracts';
import { createConnection } from 'mysql2/promise';
import { pino } from 'pino';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Bus, connectBus } from '../src/bus.ts';
import { databaseName } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import type { Logger } from '../src/logger.ts';
import { type RunningService, route, startService } from '../src/service.ts';
import { apiRequest, dropNamespace, principal, testConfig } from '../src/testing.ts';

/**
 * A statement that runs past `DB_STATEMENT_TIMEOUT_MS` (here a lock held by another session) is
 * stopped by MariaDB and answered 503, logged as a warning, instead of holding the request (and
 * the ones behind it) for as long as the lock lasts. Migrations are not subject to it.
 */

const cfg = testConfig({ DB_STATEMENT_TIMEOUT_MS: '300' });
const lines: { level: number; msg: string }[] = [];
const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) }) as Logger;
let bus: Bus;
let ds: Awaited<ReturnType<typeof openDatabase>>;
let running: RunningService;
const caller = principal({ permissions: [Permissions.customerRead] });

class SlowMigration1700000000000 implements MigrationInterface {
  name = 'SlowMigration1700000000000';
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB');
    await q.query('SELECT SLEEP(0.6)'); // twice the statement timeout
  }
  async down() {}
}

beforeAll(async () => {
  bus = await connectBus(cfg, 'statement-timeout', log);
  ds = await openDatabase({
    cfg,
    service: 'stmt',
    entities: [],
    migrations: [SlowMigration1700000000000],
    log,
  });
  running = await startService({
    name: 'customer',
    version: '0.0.0-test',
    bus,
    log,
    routes: [
      route(customerApi.list, async () => {
        await ds.query('SELECT COUNT(*) AS n FROM t');
        return { items: [], total: 0, page: 1, pageSize: 20 };
      }),
    ],
  });
});
afterAll(async () => {
  await running?.stop();
  await ds?.destroy();
  await dropNamespace(cfg, bus);
  await bus?.nc.close();
});

it('answers 503 when a statement runs past the statement timeout, and logs it as a warning', async () => {
  expect((await apiRequest(bus, 'customer', 'GET', '/customers', { caller })).status).toBe(200);
  const other = await createConnection({
    host: cfg.DB_HOST,
    port: cfg.DB_PORT,
    user: cfg.DB_USER,
    password: cfg.DB_PASSWORD,
    database: databaseName(cfg.ZY_NS, 'stmt'),
  });
  try {
    await other.query('LOCK TABLES t WRITE');
    const held = apiRequest(bus, 'customer', 'GET', '/customers', { caller });
    // the lock outlasts the statement timeout several times over
    await new Promise((r) => setTimeout(r, 1500));
    await other.query('UNLOCK TABLES');
    const reply = await held;
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({
      error: { code: 'UNAVAILABLE', message: 'the database did not answer in time, retry later' },
    });
  } finally {
    await other.end();
  }
  expect((await apiRequest(bus, 'customer', 'GET', '/customers', { caller })).status).toBe(200);
  const failed = lines.filter((l) => l.msg === 'request failed');
  expect(failed.map((l) => l.level)).toEqual([40]);
});
