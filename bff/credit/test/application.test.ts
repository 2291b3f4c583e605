import { applicationApproved } from '@zhanye/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditDesk } from './desk.ts';

/**
 * The granting process end to end through the gateway, as the demo bank's staff: the three
 * process modes, separation of duties, authority, the bureau authorisation rule, manual admission,
 * return and reject, concurrency, idempotency, evidence. Real MariaDB, NATS and every service.
 */
let desk: CreditDesk;
const code = (res: { body: { error?: { reason?: string; code?: string } } }) =>
  res.body.error?.reason ?? res.body.error?.code;

beforeAll(async () => {
  desk = await CreditDesk.start();
  await desk.signIn(
    'am1',
    'am2',
    'inv1',
    'inv2',
    'head1',
    'reviewer1',
    'brapprover1',
    'approver1',
    'divreviewer1',
    'divapprover1',
    'bam1',
  );
}, 120_000);
afterAll(async () => {
  await desk?.close();
});

describe('taking and submitting', () => {
  it('amounts, terms and methods outside the product: 400 with field messages, nothing written', async () => {
    const c = await desk.customer();
    const base = {
      customerId: c.id,
      productId: desk.products.get('FARMER_CREDIT'),
      amount: '99999999.00',
      termMonths: 120,
      repaymentMethod: 'equal_installment',
      guaranteeType: 'mortgage',
      annualIncome: '100000',
      purpose: '测试',
    };
    const res = await desk.as('am1').post('/api/credit/applications', base);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields ?? {})).toEqual(
      expect.arrayContaining(['amount', 'termMonths', 'guaranteeType']),
    );
    const list = await desk.as('am1').get(`/api/credit/applications?customerId=${c.id}`);
    expect(list.body.total).toBe(0);
  });

  it('a retried create with the same Idempotency-Key makes one application', async () => {
    const c = await desk.customer();
    const body = {
      customerId: c.id,
      productId: desk.products.get('FARMER_CREDIT'),
      amount: '30000',
      termMonths: 12,
      repaymentMethod: 'equal_installment',
      guaranteeType: 'credit',
      annualIncome: '100000',
      purpose: '购置农机',
    };
    const b = desk.as('am1');
    const send = () =>
      fetch(`${desk.gw.url}/api/credit/applications`, {
        method: 'POST',
        headers: {
          cookie: b.cookie,
          'x-csrf-token': b.csrf,
          'content-type': 'application/json',
          'idempotency-key': `idem-${c.id}`,
        },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const [one, two] = [await send(), await send()];
    expect(one.status).toBe(200);
    expect(two.body.id).toBe(one.body.id);
    expect((await b.get(`/api/credit/applications?customerId=${c.id}`)).body.total).toBe(1);
  });

  it('a bureau query without a valid authorisation is refused, and nothing moves', async () => {
    const c = await desk.customer('am1', 'clean', false);
    const app = await desk.create('am1', c.id, 'FARMER_CREDIT', '50000');
    const res = await desk.step('am1', app, 'submit');
    expect(res.status).toBe(409);
    expect(code(res)).toBe('NO_AUTHORIZATION');
    expect((await desk.get('am1', app.id)).status).toBe('draft');
    await desk.authorize('am1', c.id);
    expect((await desk.ok('am1', app, 'submit')).status).not.toBe('draft');
  });

  it('only the manager submits; a second submit is 409 naming the state', async () => {
    const c = await desk.customer();
    const app = await desk.create('am1', c.id, 'FARMER_CREDIT', '50000');
    // the branch head sees it but may not submit; another branch's manager does not see it
    expect((await desk.step('head1', app, 'submit')).status).toBe(403);
    expect((await desk.step('am2', app, 'submit')).status).toBe(404);
    await desk.ok('am1', app, 'submit');
    const again = await desk.as('am1').post(`/api/credit/applications/${app.id}/submit`, { version: 2 });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toMatch(/investigating/);
  });

  it('the blacklist declines at once; an overdue history goes to manual admission at the branch', async () => {
    const bad = await desk.customer('am1', 'blacklisted');
    const declined = await desk.ok(
      'am1',
      await desk.create('am1', bad.id, 'FARMER_CREDIT', '50000'),
      'submit',
    );
    expect(declined.status).toBe('rejected');
    expect(declined.admission?.reasons).toContain('bureau.blacklisted');

    const late = await desk.customer('am1', 'overdue');
    const referred = await desk.ok(
      'am1',
      await desk.create('am1', late.id, 'FARMER_CREDIT', '50000'),
      'submit',
    );
    expect(referred.status).toBe('admission_pending');
    expect(referred.admission?.reasons).toContain('bureau.overdue');
    // the branch head admits it, with a reason (the comment is required)
    expect((await desk.step('head1', referred, 'admit', { comment: '' })).status).toBe(400);
    const admitted = await desk.ok('head1', referred, 'admit', { comment: '逾期已结清，有还款证明' });
    expect(admitted.status).toBe('investigating');
    expect(admitted.admission?.manual?.name).toBe('陈静');
  });
});

describe('the three process modes', () => {
  it('包办制: a small farmer loan the decision passed, one manager end to end, the limit granted', async () => {
    const c = await desk.customer();
    const filed = await desk.ok('am1', await desk.create('am1', c.id, 'FARMER_CREDIT', '50000'), 'submit');
    expect(filed.variant).toBe('oneStop');
    expect(filed.status).toBe('investigating');
    expect(filed.rate?.ratePct).toMatch(/^\d+\.\d{4}$/);
    expect(filed.actions).toEqual(expect.arrayContaining(['investigate', 'complete']));
    // the form must be complete first
    expect((await desk.step('am1', filed, 'complete')).status).toBe(400);
    expect((await desk.saveInvestigation('am1', filed, null)).status).toBe(200);
    const done = await desk.ok('am1', filed, 'complete');
    expect(done.status).toBe('approved');
    expect(done.limitId).toBeTruthy();
    const limit = await desk.as('am1').get(`/api/credit/limits/${done.limitId}`);
    expect(limit.body.limit.granted).toBe('50000.00');
  });

  it('线上授信: a small unsecured consumer loan the decision passed is approved with nobody touching it', async () => {
    const c = await desk.customer();
    const app = await desk.ok('am1', await desk.create('am1', c.id, 'CONSUMER', '30000'), 'submit');
    expect(app.variant).toBe('online');
    expect(app.status).toBe('approved');
    expect(app.limitId).toBeTruthy();
    expect(app.actions).toEqual([]);
    const steps = (await desk.as('am1').get(`/api/credit/applications/${app.id}/steps`)).body.items;
    expect(steps.map((s: { command: string }) => s.command)).toEqual(['create', 'autoApprove']);
    const [event] = await desk.credit.ds.query(
      "SELECT payload FROM outbox WHERE subject = ? AND JSON_VALUE(payload, '$.applicationId') = ?",
      [applicationApproved.subject, app.id],
    );
    expect(JSON.parse(event.payload)).toMatchObject({ approvedBy: 'system:risk', variant: 'online' });
  });

  it('三台六岗: taker, two investigators, reviewer and approver are five people (403 naming the rule otherwise)', async () => {
    const c = await desk.customer();
    const app = await desk.ok('am1', await desk.create('am1', c.id, 'BUSINESS', '200000'), 'submit');
    expect(app.variant).toBe('staffed');
    expect(app.status).toBe('investigating');
    // the taker may not investigate, nor be the assistant; the lead and assistant are two people
    expect(code(await desk.saveInvestigation('am1', app, 'u-inv2'))).toBe('SOD_INVESTIGATE_OWN');
    expect(code(await desk.saveInvestigation('inv1', app, 'u-inv1'))).toBe('SOD_SAME_INVESTIGATORS');
    expect(code(await desk.saveInvestigation('inv1', app, 'u-am1'))).toBe('SOD_INVESTIGATE_OWN');
    expect((await desk.saveInvestigation('inv1', app, 'u-inv2')).status).toBe(200);
    // only the lead submits, only the assistant confirms
    expect(code(await desk.step('inv2', app, 'investigation/submit'))).toBe('NOT_LEAD');
    await desk.ok('inv1', app, 'investigation/submit');
    expect(code(await desk.step('inv1', app, 'investigation/confirm'))).toBe('NOT_ASSISTANT');
    const inReview = await desk.ok('inv2', app, 'investigation/confirm');
    expect(inReview.status).toBe('reviewing');
    // review at head office; the branch approver is not the reviewer's post
    expect((await desk.step('brapprover1', app, 'pass')).status).toBe(403);
    const passed = await desk.ok('reviewer1', app, 'pass');
    expect(passed.status).toBe('branch_approving');
    // the branch approver, within the branch's authority, approves: the limit is granted
    expect((await desk.step('approver1', app, 'approve')).status).toBe(403); // HQ: not their to-do
    const approved = await desk.ok('brapprover1', app, 'approve', { comment: '同意' });
    expect(approved.status).toBe('approved');
    expect(approved.approvals.map((a) => a.level)).toEqual(['branch']);
    // the evidence chain: every step, with who, their posts, the data's SHA-256, the address
    const steps = (await desk.as('am1').get(`/api/credit/applications/${app.id}/steps`)).body.items;
    expect(steps.map((s: { command: string }) => s.command)).toEqual([
      'create',
      'file',
      'submitInvestigation',
      'confirmInvestigation',
      'pass',
      'approve',
    ]);
    for (const s of steps) {
      expect(s.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.clientIp).toBeTruthy();
    }
    expect(steps.at(-1).actorName).toBe('吴审批');
    expect(steps.at(-1).actorPosts).toContain('approver');
    // the approval's event went out through the outbox with the limit
    const events = await desk.credit.ds.query(
      "SELECT payload FROM outbox WHERE subject = ? AND JSON_VALUE(payload, '$.applicationId') = ?",
      [applicationApproved.subject, app.id],
    );
    expect(events).toHaveLength(1);
    for (const format of ['pdf', 'xlsx']) {
      const file = await desk.as('reviewer1').post(`/api/credit/applications/${app.id}/evidence`, { format });
      expect(file.status, JSON.stringify(file.body)).toBe(200);
      const bytes = Buffer.from(file.body.base64, 'base64');
      expect(bytes.subarray(0, 4).toString('latin1')).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
  });

  it('above the branch’s authority the branch approval goes up to head office', async () => {
    const c = await desk.customer();
    const app = await desk.ok('am1', await desk.create('am1', c.id, 'BUSINESS', '800000'), 'submit');
    expect(app.variant).toBe('staffed');
    await desk.investigate(app);
    await desk.ok('reviewer1', app, 'pass');
    const up = await desk.ok('brapprover1', app, 'approve', { comment: '同意，报总行' });
    expect(up.status).toBe('hq_approving');
    // one person approves once; the reviewer may not approve
    expect(code(await desk.step('reviewer1', app, 'approve'))).toMatch(
      /SOD_APPROVE_OWN|FORBIDDEN|NOT_YOUR_TODO/,
    );
    const approved = await desk.ok('approver1', app, 'approve', { comment: '同意' });
    expect(approved.status).toBe('approved');
    expect(approved.approvals.map((a) => `${a.level}:${a.name}`)).toEqual(['branch:吴审批', 'hq:赵敏']);
  });

  it('事业部制: a mortgage-backed business loan is reviewed and approved in the division', async () => {
    const c = await desk.customer();
    const app = await desk.ok('am1', await desk.create('am1', c.id, 'MORTGAGE_BUSINESS', '600000'), 'submit');
    expect(app.variant).toBe('division');
    await desk.investigate(app);
    expect((await desk.step('reviewer1', app, 'pass')).status).toBe(403); // HQ's reviewer: not theirs
    await desk.ok('divreviewer1', app, 'pass');
    expect((await desk.step('brapprover1', app, 'approve')).status).toBe(403); // the branch: not theirs
    const approved = await desk.ok('divapprover1', app, 'approve');
    expect(approved.status).toBe('approved');
    expect(approved.approvals.map((a) => `${a.level}:${a.name}`)).toEqual(['division:何审批']);
  });

  it('two approvers at once: one wins, the other gets 409, one event', async () => {
    const c = await desk.customer();
    const app = await desk.ok('am1', await desk.create('am1', c.id, 'BUSINESS', '300000'), 'submit');
    await desk.investigate(app);
    const ready = await desk.ok('reviewer1', app, 'pass');
    const [a, b] = await Promise.all([
      desk.as('brapprover1').post(`/api/credit/applications/${app.id}/approve`, { version: ready.version }),
      desk.as('brapprover1').post(`/api/credit/applications/${app.id}/approve`, { version: ready.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const events = await desk.credit.ds.query(
      "SELECT id FROM outbox WHERE subject = ? AND JSON_VALUE(payload, '$.applicationId') = ?",
      [applicationApproved.subject, app.id],
    );
    expect(events).toHaveLength(1);
  });

  it('return for more information goes back to the lead; reject needs a comment and ends it', async () => {
    const c = await desk.customer();
    const app = await desk.ok('am1', await desk.create('am1', c.id, 'BUSINESS', '200000'), 'submit');
    await desk.investigate(app);
    expect((await desk.step('reviewer1', app, 'return', { comment: '' })).status).toBe(400);
    const back = await desk.ok('reviewer1', app, 'return', { comment: '补充经营流水' });
    expect(back.status).toBe('investigating');
    expect(back.actions).not.toContain('submitInvestigation'); // am1 sees it; it waits for the lead
    expect((await desk.get('inv1', app.id)).actions).toContain('submitInvestigation');
    await desk.ok('inv1', app, 'investigation/submit');
    await desk.ok('inv2', app, 'investigation/confirm');
    const rejected = await desk.ok('reviewer1', app, 'reject', { comment: '经营风险过高' });
    expect(rejected.status).toBe('rejected');
    expect((await desk.step('reviewer1', app, 'pass')).status).toBe(409);
  });

  it('the manager withdraws; other banks see nothing (404)', async () => {
    const c = await desk.customer();
    const app = await desk.create('am1', c.id, 'FARMER_CREDIT', '20000');
    expect((await desk.as('bam1').get(`/api/credit/applications/${app.id}`)).status).toBe(404);
    expect((await desk.step('bam1', app, 'withdraw', { comment: '跨行' })).status).toBe(404);
    expect((await desk.ok('am1', app, 'withdraw', { comment: '客户放弃' })).status).toBe('withdrawn');
  });
});

describe('to-dos', () => {
  it('a filed application waits for the branch’s investigators; one claims it', async () => {
    const c = await desk.customer();
    const app = await desk.ok('am1', await desk.create('am1', c.id, 'BUSINESS', '150000'), 'submit');
    const mine = async (who: string) =>
      (
        (await desk.as(who).get('/api/credit/todos')).body.items as {
          id: string;
          aggregateId: string;
          mine: boolean;
        }[]
      ).filter((t) => t.aggregateId === app.id);
    const [todo] = await mine('inv1');
    expect(todo).toMatchObject({ mine: false });
    expect(await mine('inv2')).toHaveLength(1);
    expect(await mine('am2')).toHaveLength(0);
    const claimed = await desk.as('inv2').post(`/api/credit/todos/${todo!.id}/claim`);
    expect(claimed.status).toBe(200);
    expect((await desk.as('inv1').post(`/api/credit/todos/${todo!.id}/claim`)).status).toBe(404);
    expect(await mine('inv1')).toHaveLength(0);
  });
});

describe('authority', () => {
  it('no authority row for the post: 403 NO_AUTHORITY; above head office’s: 403 AUTHORITY_EXCEEDED', async () => {
    await desk.signIn('creditadmin1');
    const admin = desk.as('creditadmin1');
    // a table where branch approvers may approve only farmer loans and head office up to 500,000
    const saved = await admin.post('/api/credit/rules/authority', {
      rows: [
        { post: 'approver', orgLevel: 'branch', productCode: 'FARMER_CREDIT', maxAmount: '100000' },
        { post: 'approver', orgLevel: 'hq', productCode: '*', maxAmount: '500000' },
      ],
      note: '测试：收紧授权',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await admin.post(`/api/credit/rules/authority/${saved.body.version}/activate`)).status).toBe(200);
    try {
      const c = await desk.customer();
      const app = await desk.ok('am1', await desk.create('am1', c.id, 'BUSINESS', '800000'), 'submit');
      await desk.investigate(app);
      await desk.ok('reviewer1', app, 'pass');
      const none = await desk.step('brapprover1', app, 'approve');
      expect(none.status).toBe(403);
      expect(code(none)).toBe('NO_AUTHORITY');
      // (the application is unchanged: the branch approver may still send it back)
      expect((await desk.get('brapprover1', app.id)).status).toBe('branch_approving');
    } finally {
      expect((await admin.post('/api/credit/rules/authority/1/activate')).status).toBe(200);
    }
    const c = await desk.customer();
    const app = await desk.ok('am1', await desk.create('am1', c.id, 'BUSINESS', '800000'), 'submit');
    await desk.investigate(app);
    await desk.ok('reviewer1', app, 'pass');
    await desk.ok('brapprover1', app, 'approve'); // 800,000 > 500,000: up to head office
    const tight = await admin.post('/api/credit/rules/authority', {
      rows: [{ post: 'approver', orgLevel: 'hq', productCode: '*', maxAmount: '500000' }],
      note: '测试：总行 50 万',
    });
    expect((await admin.post(`/api/credit/rules/authority/${tight.body.version}/activate`)).status).toBe(200);
    try {
      const over = await desk.step('approver1', app, 'approve');
      expect(over.status).toBe(403);
      expect(code(over)).toBe('AUTHORITY_EXCEEDED');
    } finally {
      expect((await admin.post('/api/credit/rules/authority/1/activate')).status).toBe(200);
    }
    expect((await desk.ok('approver1', app, 'approve')).status).toBe('approved');
  });
});
