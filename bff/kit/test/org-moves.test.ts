import { orgMoved } from '@zhanye/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  appendEvent,
  type Bus,
  connectBus,
  createLogger,
  followOrgMoves,
  openDatabase,
  startOutboxRelay,
} from '../src/index.ts';
import { dropNamespace, testConfig } from '../src/testing.ts';

const cfg = testConfig();
const log = createLogger('org-moves-test', 'silent');
let bus: Bus;
let platformDb: Awaited<ReturnType<typeof openDatabase>>;
let domainDb: Awaited<ReturnType<typeof openDatabase>>;
let relay: ReturnType<typeof startOutboxRelay>;
let follower: Awaited<ReturnType<typeof followOrgMoves>>;

beforeAll(async () => {
  bus = await connectBus(cfg, 'org-moves', log);
  platformDb = await openDatabase({ cfg, service: 'platform', entities: [], migrations: [], log });
  domainDb = await openDatabase({ cfg, service: 'customer', entities: [], migrations: [], log });
  await domainDb.query(
    'CREATE TABLE customer (id INT PRIMARY KEY, bank_id VARCHAR(64), org_path VARCHAR(255))',
  );
  await domainDb.query(
    `INSERT INTO customer VALUES
       (1, 'bank-a', '/bank-a/a-hq/a-br1/'),
       (2, 'bank-a', '/bank-a/a-hq/a-br1/a-sub1/'),
       (3, 'bank-a', '/bank-a/a-hq/a-br10/'),
       (4, 'bank-b', '/bank-a/a-hq/a-br1/'),
       (5, 'bank-a', '/bank-a/a-hq/a-br2/')`,
  );
  relay = startOutboxRelay(platformDb, bus, log, 50);
  follower = await followOrgMoves({ bus, ds: domainDb, log, service: 'customer', tables: ['customer'] });
});

afterAll(async () => {
  await follower?.stop();
  await relay?.stop();
  await platformDb?.destroy();
  await domainDb?.destroy();
  await dropNamespace(cfg, bus);
  await bus?.nc.close();
});

it('moves the rows of a moved org and its subtree, in its bank only, once', async () => {
  const move = {
    bankId: 'bank-a',
    orgId: 'a-br1',
    fromPath: '/bank-a/a-hq/a-br1/',
    toPath: '/bank-a/a-hq/a-br2/a-br1/',
  };
  // the platform commits the move and the event together; the relay publishes it
  await platformDb.transaction((m) => appendEvent(m, orgMoved, 'bank-a', move));
  relay.kick();
  const paths = async () =>
    (await domainDb.query('SELECT id, org_path FROM customer ORDER BY id')) as {
      id: number;
      org_path: string;
    }[];
  await expect
    .poll(async () => (await paths()).map((r) => r.org_path), { timeout: 10_000 })
    .toEqual([
      '/bank-a/a-hq/a-br2/a-br1/',
      '/bank-a/a-hq/a-br2/a-br1/a-sub1/',
      // a sibling whose id merely starts the same way, another bank, another branch: untouched
      '/bank-a/a-hq/a-br10/',
      '/bank-a/a-hq/a-br1/',
      '/bank-a/a-hq/a-br2/',
    ]);
});
