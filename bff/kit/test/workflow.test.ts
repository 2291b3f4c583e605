/**
 * Workflows, to-dos and scheduled jobs (kit `Workflow`, `Todos`, `Jobs`) on the real MariaDB: the
 * machine decides, the row changes once, the evidence and the to-do events land in the same
 * transaction, and a job runs once per period however many copies try.
 */
import { createHash, randomUUID } from 'node:crypto';
import { defineMachine } from '@zhanye/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  canonicalJson,
  createLogger,
  Jobs,
  openDatabase,
  Todos,
  Workflow,
} from '../src/index.ts';
import { dropNamespace, principal, testConfig } from '../src/testing.ts';

const cfg = testConfig();
const log = createLogger('workflow-test', 'silent');
let ds: Awaited<ReturnType<typeof openDatabase>>;

const machine = defineMachine({
  name: 'test.thing',
  states: ['draft', 'review', 'approved', 'rejected'],
  initial: 'draft',
  final: ['approved', 'rejected'],
  variants: ['staffed', 'auto'],
  transitions: [
    { from: ['draft'], command: 'submit', to: 'review', variants: ['staffed'] },
    { from: ['draft'], command: 'decide', to: 'approved', variants: ['auto'] },
    { from: ['review'], command: 'approve', to: 'approved' },
    { from: ['draft', 'review'], command: 'reject', to: 'rejected' },
  ],
});
const wf = new Workflow(machine, { domain: 'test', aggregate: 'thing', table: 'thing' });
const todos = new Todos('test');
const maker = principal({ userId: 'u-maker', posts: ['account_manager'] });
const reviewer = principal({
  userId: 'u-reviewer',
  displayName: '审查员',
  posts: ['reviewer'],
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  orgName: '总行',
});
const reviewer2 = { ...reviewer, userId: 'u-reviewer2' };
const act = (caller: typeof maker): Actor => ({ caller, clientIp: '10.0.0.7' });

beforeAll(async () => {
  ds = await openDatabase({ cfg, service: 'wf', entities: [], migrations: [], log });
  await ds.query(`CREATE TABLE thing (id CHAR(36) PRIMARY KEY, bank_id VARCHAR(64) NOT NULL,
    status VARCHAR(32) NOT NULL, version INT NOT NULL, note VARCHAR(100) NULL)`);
});
afterAll(async () => {
  await ds?.destroy();
  await dropNamespace(cfg);
});

async function newThing() {
  const row = { id: randomUUID(), bankId: 'bank-a', status: 'draft' as const, version: 1 };
  await ds.transaction(async (m) => {
    await m.query('INSERT INTO thing (id, bank_id, status, version) VALUES (?, ?, ?, 1)', [
      row.id,
      row.bankId,
      row.status,
    ]);
    await wf.start({ m, row, actor: act(maker), snapshot: { amount: '100.00' } });
  });
  return row;
}
const read = async (id: string) =>
  (
    (await ds.query('SELECT id, bank_id AS bankId, status, version, note FROM thing WHERE id = ?', [id])) as {
      id: string;
      bankId: string;
      status: 'draft' | 'review' | 'approved' | 'rejected';
      version: number;
      note: string | null;
    }[]
  )[0]!;
const outbox = async (subject: string) =>
  ((await ds.query('SELECT payload FROM outbox WHERE subject = ?', [subject])) as { payload: string }[]).map(
    (r) => JSON.parse(r.payload),
  );

describe('Workflow', () => {
  it('moves only where the machine allows, in its variant, and says from which state', async () => {
    const row = await newThing();
    await expect(
      ds.transaction((m) => wf.transition({ m, row, command: 'approve', actor: act(reviewer) })),
    ).rejects.toMatchObject({
      status: 409,
      reason: 'INVALID_TRANSITION',
      message: expect.stringContaining('draft'),
    });
    await expect(
      ds.transaction((m) =>
        wf.transition({ m, row, command: 'decide', variant: 'staffed', actor: act(maker) }),
      ),
    ).rejects.toMatchObject({ reason: 'INVALID_TRANSITION' });
    const { to } = await ds.transaction((m) =>
      wf.transition({
        m,
        row,
        command: 'submit',
        variant: 'staffed',
        actor: act(maker),
        patch: { note: 'sent' },
      }),
    );
    expect(to).toBe('review');
    expect(await read(row.id)).toMatchObject({ status: 'review', version: 2, note: 'sent' });
  });

  it('two people acting on what they read: one wins, the other gets 409 and changes nothing', async () => {
    const row = await newThing();
    const moved = await ds.transaction((m) =>
      wf.transition({ m, row, command: 'submit', variant: 'staffed', actor: act(maker) }),
    );
    expect(moved.to).toBe('review');
    const seen = await read(row.id);
    const results = await Promise.allSettled([
      ds.transaction((m) => wf.transition({ m, row: seen, command: 'approve', actor: act(reviewer) })),
      ds.transaction((m) => wf.transition({ m, row: seen, command: 'reject', actor: act(reviewer2) })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 409, reason: 'CONCURRENT_UPDATE' });
    const steps = await wf.steps(ds, row.id);
    expect(steps.map((s) => s.command)).toEqual([
      'create',
      'submit',
      expect.stringMatching(/approve|reject/),
    ]);
  });

  it('keeps each step as evidence: who, posts, org, from where, the comment and the data with its SHA-256', async () => {
    const row = await newThing();
    const snapshot = { amount: '100.00', customer: '张三', b: [2, 1] };
    await ds.transaction((m) =>
      wf.transition({ m, row, command: 'reject', actor: act(reviewer), comment: '资料不全', snapshot }),
    );
    const [created, rejected] = await wf.steps(ds, row.id);
    expect(created).toMatchObject({ command: 'create', from: '', to: 'draft', actorId: 'u-maker' });
    expect(rejected).toMatchObject({
      command: 'reject',
      from: 'draft',
      to: 'rejected',
      actorId: 'u-reviewer',
      actorName: '审查员',
      actorPosts: ['reviewer'],
      actorOrgName: '总行',
      clientIp: '10.0.0.7',
      comment: '资料不全',
      snapshot,
    });
    expect(rejected?.snapshotSha256).toBe(createHash('sha256').update(canonicalJson(snapshot)).digest('hex'));
  });

  it('closes the waiting to-dos and opens the next state’s, as events through the outbox', async () => {
    const row = await newThing();
    const review = {
      kind: 'review',
      titleKey: 'todo.review',
      params: { name: '张三' },
      assignee: { post: 'reviewer', orgPath: '/bank-a/a-hq/' },
      link: { app: 'mf-test', path: `/things/${row.id}` },
    };
    await ds.transaction((m) =>
      wf.transition({ m, row, command: 'submit', variant: 'staffed', actor: act(maker), todos: [review] }),
    );
    const opened = (await outbox('evt.test.todo.opened')).filter((p) => p.link.path === `/things/${row.id}`);
    expect(opened).toEqual([
      expect.objectContaining({
        kind: 'test.review',
        bankId: 'bank-a',
        assignee: review.assignee,
        titleKey: 'todo.review',
      }),
    ]);
    // the holders of the post in that org see it; others do not
    expect((await todos.list(ds, reviewer)).map((t) => t.aggregateId)).toContain(row.id);
    expect((await todos.list(ds, maker)).map((t) => t.aggregateId)).not.toContain(row.id);
    const branchReviewer = { ...reviewer, orgPath: '/bank-a/a-hq/a-br1/' };
    expect((await todos.list(ds, branchReviewer)).map((t) => t.aggregateId)).not.toContain(row.id);
    // one holder claims it: it waits for them only
    const todoId = opened[0].todoId as string;
    await ds.transaction((m) => todos.claim(m, reviewer, todoId));
    await expect(ds.transaction((m) => todos.claim(m, reviewer2, todoId))).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      ds.transaction((m) => todos.assertMine(m, reviewer2, 'thing', row.id)),
    ).rejects.toMatchObject({
      status: 403,
      reason: 'NOT_YOUR_TODO',
    });
    await ds.transaction((m) => todos.assertMine(m, reviewer, 'thing', row.id));
    // the decision closes it
    await ds.transaction(async (m) =>
      wf.transition({ m, row: await read(row.id), command: 'approve', actor: act(reviewer) }),
    );
    expect((await outbox('evt.test.todo.closed')).map((p) => p.todoId)).toContain(todoId);
    expect((await todos.list(ds, reviewer)).map((t) => t.aggregateId)).not.toContain(row.id);
  });
});

describe('Jobs', () => {
  it('runs once per period however many copies try; a failed run is run again on request', async () => {
    let runs = 0;
    let fail = false;
    const job = {
      name: 'test.nightly',
      cron: '0 30 1 * * *',
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
        if (fail) throw new Error('core banking unavailable');
        return `${runs} done`;
      },
    };
    const copies = [new Jobs(ds, log, [job]), new Jobs(ds, log, [job]), new Jobs(ds, log, [job])];
    const results = await Promise.all(copies.map((j) => j.runNow('test.nightly', '2026-12-07')));
    expect(runs).toBe(1);
    expect(results.filter((r) => r.state === 'ran')).toHaveLength(1);
    expect((await copies[0]!.runNow('test.nightly', '2026-12-07')).state).toBe('done');
    fail = true;
    expect(await copies[1]!.runNow('test.nightly', '2026-12-08')).toMatchObject({
      state: 'ran',
      outcome: 'failed',
    });
    fail = false;
    expect(await copies[2]!.runNow('test.nightly', '2026-12-08')).toMatchObject({
      state: 'done',
      outcome: 'failed',
    });
    expect(await copies[2]!.runNow('test.nightly', '2026-12-08', { again: true })).toMatchObject({
      state: 'ran',
      outcome: 'ok',
    });
    const [status] = await copies[0]!.status();
    expect(status).toMatchObject({ name: 'test.nightly', last: { period: '2026-12-08', outcome: 'ok' } });
    expect(status?.nextRun).toBeTruthy();
  });

  it('takes over a run whose copy died once its lease has passed', async () => {
    let runs = 0;
    const job = { name: 'test.lease', cron: '0 0 2 * * *', run: async () => void runs++ };
    await ds.query(
      "INSERT INTO job_run (job, period, runner, started_at) VALUES ('test.lease', 'p1', 'dead:1', UTC_TIMESTAMP(3) - INTERVAL 1 HOUR)",
    );
    expect(
      (await new Jobs(ds, log, [job], { leaseMs: 3_600_000 * 2 }).runNow('test.lease', 'p1')).state,
    ).toBe('running');
    expect((await new Jobs(ds, log, [job], { leaseMs: 60_000 }).runNow('test.lease', 'p1')).state).toBe(
      'ran',
    );
    expect(runs).toBe(1);
  });
});
