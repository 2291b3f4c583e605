import { PoolConnection } from 'mysql2';
import { createConnection, PoolConnection as PromisePoolConnection } from 'mysql2/promise';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
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
  });
  await ds.initialize();
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('SELECT GET_LOCK(?, 60)', [`migrate_${database}`]);
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (ran.length) opts.log.info({ migrations: ran.map((m) => m.name) }, 'migrations applied');
  } finally {
    await qr.query('SELECT RELEASE_LOCK(?)', [`migrate_${database}`]).catch(() => undefined);
    await qr.release();
  }
  return ds;
}
