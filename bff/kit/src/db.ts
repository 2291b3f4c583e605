import mysql2, { type Pool, PoolConnection, type PoolOptions } from 'mysql2';
import { createConnection, PoolConnection as PromisePoolConnection } from 'mysql2/promise';
import { DataSource, type EntitySchema, MigrationExecutor, type MigrationInterface } from 'typeorm';
import { type BaseConfig, databaseName } from './config.ts';
import { KitMigrations } from './kit.migrations.ts';
import type { Logger } from './logger.ts';

export interface DatabaseOptions {
  cfg: BaseConfig;
  /** The service; its schema is `zy_<ns>_<service>`. A service never reads another's schema. */
  service: string;
  entities: EntitySchema[];
  migrations: (new () => MigrationInterface)[];
  log: Logger;
  poolSize?: number;
}

/**
 * TypeORM calls `promise()` on the pooled connection for every query, and mysql2 answers it with a
 * `require()` of its promise wrapper each time: 12% of the customer service's CPU under
 * `pnpm bench:api` (through tsx's require hook a require costs ~20 µs). The same wrapper, its class
 * looked up once. TypeORM loads this same mysql2 (`test/db-hot-path.test.ts` checks that a query
 * requires nothing).
 */
const PromiseWrapper = PromisePoolConnection as unknown as new (
  connection: PoolConnection,
  promiseImpl?: PromiseConstructor,
) => PromisePoolConnection;
PoolConnection.prototype.promise = function promise(this: PoolConnection, promiseImpl?: PromiseConstructor) {
  return new PromiseWrapper(this, promiseImpl);
};

/** Creates the service's schema if missing, connects, and runs pending migrations under a lock. */
export async function openDatabase(opts: DatabaseOptions): Promise<DataSource> {
  const { cfg } = opts;
  const database = databaseName(cfg.ZY_NS, opts.service);
  const admin = await createConnection({
    host: cfg.DB_HOST,
    port: cfg.DB_PORT,
    user: cfg.DB_USER,
    password: cfg.DB_PASSWORD,
  });
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.end();
  }
  const ds = new DataSource({
    type: 'mysql',
    host: cfg.DB_HOST,
    port: cfg.DB_PORT,
    username: cfg.DB_USER,
    password: cfg.DB_PASSWORD,
    database,
    entities: opts.entities,
    migrations: [...KitMigrations, ...opts.migrations],
    migrationsTableName: 'migrations',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    poolSize: opts.poolSize ?? 10,
    extra: { decimalNumbers: false, connectTimeout: 3000 },
    driver: withStatementTimeout(cfg.DB_STATEMENT_TIMEOUT_MS, opts.log),
  });
  await ds.initialize();
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('SELECT GET_LOCK(?, 60)', [`migrate_${database}`]);
    // a migration may rebuild a large table: no statement timeout on this connection meanwhile
    await qr.query('SET SESSION max_statement_time = 0').catch(() => undefined);
    const migrations = new MigrationExecutor(ds, qr);
    migrations.transaction = 'each';
    const ran = await migrations.executePendingMigrations();
    if (ran.length) opts.log.info({ migrations: ran.map((m) => m.name) }, 'migrations applied');
  } finally {
    await qr.query('SELECT RELEASE_LOCK(?)', [`migrate_${database}`]).catch(() => undefined);
    await qr.query(statementTimeoutSql(cfg.DB_STATEMENT_TIMEOUT_MS)).catch(() => undefined);
    await qr.release();
  }
  return ds;
}

const statementTimeoutSql = (ms: number) => `SET SESSION max_statement_time = ${(ms / 1000).toFixed(3)}`;

/**
 * mysql2 for TypeORM, with MariaDB's `max_statement_time` set on every new pooled connection: a
 * statement that runs longer (a lock held too long, a hung query, a database under water) is
 * stopped by the server and comes out as a 503 (`isStatementTimeout`), instead of piling requests
 * up behind it. `0` turns it off. Work that needs longer runs its statement as
 * `SET STATEMENT max_statement_time = 0 FOR ...`.
 */
function withStatementTimeout(ms: number, log: Logger): typeof mysql2 {
  if (ms <= 0) return mysql2;
  let warned = false;
  const driver = Object.create(mysql2) as typeof mysql2;
  driver.createPool = ((config: PoolOptions): Pool => {
    const pool = mysql2.createPool(config);
    // queued before the first query of the connection, so no statement runs without it
    pool.on('connection', (conn: PoolConnection) => {
      conn.query(statementTimeoutSql(ms), (err: unknown) => {
        if (err && !warned) {
          warned = true;
          log.warn({ err }, 'database statement timeout not set (needs MariaDB)');
        }
      });
    });
    return pool;
  }) as typeof mysql2.createPool;
  return driver;
}
