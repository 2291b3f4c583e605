import { randomUUID } from 'node:crypto';
import {
  customerRelationChanged,
  type EventEnvelope,
  edges,
  loanOverdue,
  Permissions,
  type PushNotice,
  signalCall,
  warningApi,
  warningMachine,
} from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger, ensureEventStream } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRiskService } from '../src/app.ts';
import { demoRelations } from '../src/warnings/demo.seed.ts';
import { propagate, type RelationEdge } from '../src/warnings/propagate.ts';

// ---- the pure propagation, with known answers -------------------------------------------------

const rule = (depth: number, floorBp: number) => ({
  depth,
  floorBp,
  weightsBp: { guarantor: 9000, family: 5000, employer: 10000, address: 0, phone: 0 },
});
const e = (from: string, to: string, kind: RelationEdge['kind'], weightBp: number): RelationEdge => ({
  from,
  to,
  kind,
  weightBp,
});
const scores = (r: ReturnType<typeof propagate>) => r.map((x) => [x.ref, x.depth, x.scoreBp]);

describe('propagation over a relation graph', () => {
  const chain = [e('A', 'B', 'guarantor', 10000), e('B', 'C', 'family', 8000), e('C', 'D', 'employer', 5000)];

  it('a chain multiplies the weights step by step', () => {
    // A->B 1.0x0.9 = 0.9; B->C 0.8x0.5 = 0.4 -> 0.36; C->D 0.5x1.0 -> 0.18
    expect(scores(propagate(chain, 'A', rule(3, 1000)))).toEqual([
      ['B', 1, 9000],
      ['C', 2, 3600],
      ['D', 3, 1800],
    ]);
    expect(
      propagate(chain, 'A', rule(3, 1000))[2]!.path.map((s) => `${s.from}-${s.to}:${s.weightBp}`),
    ).toEqual(['A-B:9000', 'B-C:4000', 'C-D:5000']);
  });

  it('walks relations both ways', () => {
    expect(scores(propagate(chain, 'D', rule(3, 1000)))).toEqual([
      ['C', 1, 5000],
      ['B', 2, 2000],
      ['A', 3, 1800],
    ]);
  });

  it('stops at the depth and below the floor', () => {
    expect(scores(propagate(chain, 'A', rule(2, 1000)))).toEqual([
      ['B', 1, 9000],
      ['C', 2, 3600],
    ]);
    expect(scores(propagate(chain, 'A', rule(3, 2000)))).toEqual([
      ['B', 1, 9000],
      ['C', 2, 3600],
    ]);
    expect(propagate(chain, 'A', rule(0, 0))).toEqual([]);
  });

  it('fans out, and a kind weighted 0 is not followed', () => {
    const fan = [
      e('H', 'X1', 'guarantor', 10000),
      e('H', 'X2', 'family', 5000),
      e('H', 'X3', 'phone', 10000),
    ];
    expect(scores(propagate(fan, 'H', rule(2, 100)))).toEqual([
      ['X1', 1, 9000],
      ['X2', 1, 2500],
    ]);
  });

  it('a cycle warns each customer once, by the best path, never the hit customer again', () => {
    const g = [
      e('P', 'Q', 'employer', 5000),
      e('Q', 'R', 'employer', 10000),
      e('R', 'P', 'employer', 5000),
      e('P', 'S', 'employer', 1000),
      e('Q', 'S', 'employer', 10000),
    ];
    const r = propagate(g, 'P', rule(4, 100));
    // S: 0.1 directly, 0.5 through Q (two steps): the better path wins
    expect(scores(r)).toEqual([
      ['Q', 1, 5000],
      ['R', 1, 5000],
      ['S', 2, 5000],
    ]);
    expect(r[2]!.path.map((s) => s.to)).toEqual(['Q', 'S']);
    expect(propagate(g, 'P', rule(4, 100))).toEqual(r); // deterministic
    expect(propagate([...g].reverse(), 'P', rule(4, 100))).toEqual(r); // whatever the edges' order
  });
});

// ---- the service: signals, warnings, life cycle, tenancy, to-dos ------------------------------

const cfg = testConfig();
const log = createLogger('risk-warnings-test', 'silent');
let bus: Bus;
let svc: Awaited<ReturnType<typeof startRiskService>>;

const manager = (userId: string, orgId: string) =>
  principal({
    userId,
    username: userId.slice(2),
    orgId,
    orgPath: `/bank-a/a-hq/${orgId}/`,
    permissions: [Permissions.warningRead, Permissions.warningHandle],
    dataScope: 'self',
  });
const am1 = manager('u-am1', 'a-br1');
const am2 = manager('u-am2', 'a-br2');
const officer = principal({
  userId: 'u-risk1',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  permissions: [
    Permissions.warningRead,
    Permissions.warningHandle,
    Permissions.warningClose,
    Permissions.warningRuleManage,
  ],
  dataScope: 'bank',
});
const otherBank = principal({
  userId: 'u-b-risk1',
  bankId: 'bank-b',
  orgId: 'b-hq',
  orgPath: '/bank-b/b-hq/',
  permissions: officer.permissions,
  dataScope: 'bank',
});
const feed = principal({ userId: 'system:feed', dataScope: 'bank' });

const court = (sourceId: string) =>
  callService(
    bus,
    signalCall,
    {
      sourceId,
      customerRef: 'demo-a-ljg',
      kind: 'court',
      severity: 'high',
      facts: { amountFen: 38_000_000, court: '青山县人民法院' },
      at: '2026-12-01T02:00:00.000Z',
    },
    feed,
    // a component the caller policy lets vouch for users to risk (the court feed's simulator will be one)
    'credit',
  );

const api = (caller: typeof am1, method: 'GET' | 'POST', path: string, body?: unknown) =>
  apiRequest(bus, 'risk', method, path, {
    caller,
    ...(method === 'GET' ? { query: body as Record<string, string> } : { body }),
  });

const publish = (subject: string, bankId: string, payload: unknown) => {
  const env: EventEnvelope = {
    id: randomUUID(),
    subject,
    occurredAt: new Date().toISOString(),
    bankId,
    payload,
  };
  return bus.js.publish(bus.subject(subject), JSON.stringify(env), { msgID: env.id });
};

beforeAll(async () => {
  bus = await connectBus(cfg, 'risk-warnings-test', log);
  svc = await startRiskService(cfg, bus, log);
  await svc.ds.transaction(async (m) => {
    for (const [bank, from, to, kind, weight] of demoRelations.filter(([b]) => b === 'bank-a'))
      await svc.warnings.relationChanged(m, bank, { from, to, kind, weight, removed: false });
  });
});
afterAll(async () => {
  await svc?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('risk warnings', () => {
  let ids: string[] = [];

  it('a court record warns the hit customer and, along relations, the customers it reaches', async () => {
    // the live notices each manager's pages get (core NATS, as the gateway hears them)
    const sub = bus.nc.subscribe(bus.subject('push.risk'));
    const notices: PushNotice[] = [];
    void (async () => {
      for await (const m of sub) notices.push(m.json() as PushNotice);
    })();
    const out = await court('court-feed:1001');
    expect(out.fresh).toBe(true);
    ids = out.warningIds;
    const rows: {
      customer_ref: string;
      depth: number;
      score_bp: number;
      severity: string;
      owner_id: string;
    }[] = await svc.ds.query(
      'SELECT customer_ref, depth, score_bp, severity, owner_id FROM risk_warning WHERE signal_id = ? ORDER BY depth, score_bp DESC',
      [out.signalId],
    );
    // the standard court rule: depth 2, floor 0.3, guarantor 0.9, family 0.6, employer 0.7
    expect(rows.map((r) => [r.customer_ref, r.depth, r.score_bp, r.severity, r.owner_id])).toEqual([
      ['demo-a-ljg', 0, 10000, 'high', 'u-am1'],
      ['demo-a-sds', 1, 9000, 'high', 'u-am2'], // he guarantees 孙德胜's loan
      ['demo-a-wxy', 1, 5400, 'high', 'u-am1'],
      ['demo-a-lm', 1, 4800, 'medium', 'u-am2'],
      ['demo-a-zdy', 2, 6480, 'high', 'u-am1'],
      ['demo-a-coop', 2, 5670, 'high', 'u-am1'],
    ]);
    await expect.poll(() => notices.length).toBe(7);
    sub.unsubscribe();
    const toManagers = notices.filter((n) => 'userId' in n.to);
    expect(toManagers.map((n) => [(n.to as { userId: string }).userId, n.data.customerName]).sort()).toEqual(
      [
        ['u-am1', '李建国'],
        ['u-am2', '孙德胜'],
        ['u-am1', '王秀英'],
        ['u-am2', '李明'],
        ['u-am1', '赵大勇'],
        ['u-am1', '赵氏农机专业合作社'],
      ].sort(),
    );
    expect(toManagers.every((n) => n.type === 'risk.warning.raised' && n.bankId === 'bank-a')).toBe(true);
    expect(toManagers.map((n) => n.data.warningId).sort()).toEqual([...ids].sort());
    expect(notices.find((n) => 'permission' in n.to)).toMatchObject({
      type: 'risk.warning.count',
      to: { permission: Permissions.warningClose },
      data: { count: 6 },
    });
  });

  it('the same signal twice is one signal: no second warning', async () => {
    const again = await court('court-feed:1001');
    expect(again).toMatchObject({ fresh: false });
    expect([...again.warningIds].sort()).toEqual([...ids].sort());
    const [{ n }] = await svc.ds.query('SELECT COUNT(*) AS n FROM risk_warning');
    expect(Number(n)).toBe(6);
    // another record of the same kind while the warnings are open raises nothing new either
    expect((await court('court-feed:1002')).warningIds).toEqual([]);
    const [{ n: after }] = await svc.ds.query('SELECT COUNT(*) AS n FROM risk_warning');
    expect(Number(after)).toBe(6);
  });

  it('a manager sees their own customers’ warnings, risk staff their bank’s, another bank none', async () => {
    const list = async (who: typeof am1) =>
      warningApi.listWarnings.output.parse((await api(who, 'GET', '/warnings', {})).body);
    expect((await list(am1)).items.map((w) => w.customerName).sort()).toEqual(
      ['李建国', '王秀英', '赵大勇', '赵氏农机专业合作社'].sort(),
    );
    expect((await list(am2)).items.map((w) => w.customerName).sort()).toEqual(['孙德胜', '李明'].sort());
    expect((await list(officer)).total).toBe(6);
    expect((await list(otherBank)).total).toBe(0);
    const sds = (await list(am2)).items.find((w) => w.customerRef === 'demo-a-sds')!;
    expect((await api(am1, 'GET', `/warnings/${sds.id}`)).status).toBe(404);
    expect((await api(otherBank, 'GET', `/warnings/${sds.id}`)).status).toBe(404);
    const direct = warningApi.listWarnings.output.parse(
      (await api(officer, 'GET', '/warnings', { direct: 'true' })).body,
    );
    expect(direct.items.map((w) => w.customerRef)).toEqual(['demo-a-ljg']);
  });

  it('the detail shows the path the warning travelled and the graph around it', async () => {
    const zdy = (await svc.ds.query("SELECT id FROM risk_warning WHERE customer_ref = 'demo-a-zdy'"))[0].id;
    const res = await api(am1, 'GET', `/warnings/${zdy}`);
    expect(res.status).toBe(200);
    const w = warningApi.getWarning.output.parse(res.body);
    expect(w).toMatchObject({
      hitName: '李建国',
      customerName: '赵大勇',
      depth: 2,
      score: '0.6480',
      status: 'new',
    });
    expect(w.path).toEqual([
      { from: 'demo-a-ljg', to: 'demo-a-sds', kind: 'guarantor', weight: '0.9000' },
      { from: 'demo-a-sds', to: 'demo-a-zdy', kind: 'guarantor', weight: '0.7200' },
    ]);
    expect(w.graph.nodes.find((n) => n.ref === 'demo-a-ljg')?.role).toBe('hit');
    expect(w.graph.nodes.find((n) => n.ref === 'demo-a-zdy')?.role).toBe('warned');
    expect(w.graph.nodes.find((n) => n.ref === 'demo-a-sds')?.role).toBe('path');
    expect(w.graph.edges.filter((x) => x.onPath)).toHaveLength(2);
    expect(w.commands).toEqual(['acknowledge']);
    expect(w.steps.map((s) => [s.command, s.to])).toEqual([['raise', 'new']]);
  });

  it('a new warning opens a to-do for the customer’s manager, published on JetStream', async () => {
    const stream = await ensureEventStream(bus);
    const subject = bus.subject('evt.risk.todo.opened');
    await expect
      .poll(
        async () =>
          (
            await svc.ds.query(
              "SELECT COUNT(*) AS n FROM outbox WHERE subject = 'evt.risk.todo.opened' AND published_at IS NULL",
            )
          )[0].n as string,
        { timeout: 5000 },
      )
      .toBe('0');
    const opened: { assignee: { userId: string }; link: { path: string }; kind: string }[] = [];
    // this file's namespace has a stream of its own: read it through (NATS 2.9 has no multi-filter consumers)
    const info = await bus.jsm.streams.info(stream);
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await bus.jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (m?.subject === subject) opened.push((m.json() as EventEnvelope).payload as (typeof opened)[number]);
    }
    expect(opened).toHaveLength(6);
    expect(opened.filter((t) => t.assignee.userId === 'u-am2')).toHaveLength(2);
    expect(opened.every((t) => t.kind === 'risk.warning.acknowledge')).toBe(true);
    expect(opened.map((t) => t.link.path)).toContain(`/risk/warnings/${ids[0]}`);
  });

  it('life cycle: new -> acknowledged -> handled (with a note) -> closed; anything else refused', async () => {
    const id = ids[0]!; // 李建国's, am1's customer
    const post = (who: typeof am1, cmd: string, body: Record<string, unknown>) =>
      api(who, 'POST', `/warnings/${id}/${cmd}`, body);
    // every forbidden edge from the declared machine: from `new`, only acknowledge
    expect((await post(am1, 'handle', { version: 0, note: '已电话核实' })).body).toMatchObject({
      error: { reason: 'INVALID_TRANSITION' },
    });
    expect((await post(am2, 'acknowledge', { version: 0 })).status).toBe(404); // not his customer
    expect((await post(am1, 'close', { version: 0 })).status).toBe(403); // managers do not close
    expect((await post(am1, 'acknowledge', { version: 0 })).status).toBe(200);
    expect((await post(am1, 'acknowledge', { version: 1 })).status).toBe(409);
    expect((await post(am1, 'handle', { version: 0, note: '已电话核实' })).body).toMatchObject({
      error: { reason: 'CONCURRENT_UPDATE' },
    });
    expect((await post(am1, 'handle', { version: 1 })).status).toBe(400); // a note is required
    const handled = await post(am1, 'handle', { version: 1, note: '已电话核实，客户称将于本周结清' });
    expect(handled.status).toBe(200);
    expect(handled.body).toMatchObject({ status: 'handled', version: 2 });
    expect((await post(officer, 'close', { version: 2, note: '已跟踪' })).body).toMatchObject({
      status: 'closed',
    });
    expect((await post(officer, 'close', { version: 3 })).status).toBe(409);
    const w = warningApi.getWarning.output.parse((await api(officer, 'GET', `/warnings/${id}`)).body);
    expect(w.steps.map((s) => `${s.from}>${s.to}`)).toEqual([
      '>new',
      'new>acknowledged',
      'acknowledged>handled',
      'handled>closed',
    ]);
    expect(w.steps[2]).toMatchObject({ actorId: 'u-am1', comment: '已电话核实，客户称将于本周结清' });
    expect(w.commands).toEqual([]);
    // the machine has exactly these edges
    expect(edges(warningMachine).map((x) => `${x.from}-${x.command}-${x.to}`)).toEqual([
      'new-acknowledge-acknowledged',
      'acknowledged-handle-handled',
      'handled-close-closed',
    ]);
  });

  it('two signals at once open one warning per customer; once it is closed a new signal opens another', async () => {
    // 李建国's direct court warning was closed above; the others from the first record are open
    const [a, b] = await Promise.all([court('court-feed:2001'), court('court-feed:2002')]);
    expect([...a.warningIds, ...b.warningIds]).toHaveLength(1);
    const [row] = await svc.ds.query('SELECT customer_ref, depth, status FROM risk_warning WHERE id = ?', [
      [...a.warningIds, ...b.warningIds][0],
    ]);
    expect(row).toEqual({ customer_ref: 'demo-a-ljg', depth: 0, status: 'new' });
  });

  it('rules are data: risk staff edit them; a manager may not; bad input is a 400', async () => {
    const rules = warningApi.listWarningRules.output.parse(
      (await api(officer, 'GET', '/warning-rules')).body,
    ).items;
    const courtRule = rules.find((r) => r.kind === 'court')!;
    const { id, version, updatedAt: _u, updatedBy: _b, ...body } = courtRule;
    const put = (who: typeof am1, b: unknown) =>
      apiRequest(bus, 'risk', 'PUT', `/warning-rules/${id}`, { caller: who, body: b });
    expect((await put(am1, { ...body, version, depth: 1 })).status).toBe(403);
    expect((await put(officer, { ...body, version, floor: '1.5' })).status).toBe(400);
    const ok = await put(officer, { ...body, version, depth: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ depth: 1, version: version + 1 });
    expect((await put(officer, { ...body, version, depth: 1 })).status).toBe(409);
    expect(
      (
        await apiRequest(bus, 'risk', 'PUT', `/warning-rules/${id}`, {
          caller: otherBank,
          body: { ...body, version: version + 1 },
        })
      ).status,
    ).toBe(404);
  });

  it('follows relations from the customer center and overdue loans from credit, once each', async () => {
    const party = (customerRef: string, name: string) => ({
      customerRef,
      name,
      managerId: 'u-am2',
      managerName: '刘洋',
      orgId: 'a-br2',
      orgPath: '/bank-a/a-hq/a-br2/',
    });
    await publish(customerRelationChanged.subject, 'bank-a', {
      from: party('c-x1', '吴一'),
      to: party('c-x2', '吴二'),
      kind: 'guarantor',
      weight: '1.0000',
    });
    await expect
      .poll(
        async () =>
          Number((await svc.ds.query("SELECT COUNT(*) AS n FROM rm_relation WHERE from_ref = 'c-x1'"))[0].n),
        {
          timeout: 5000,
        },
      )
      .toBe(1);
    const overdue = {
      loanId: 'loan-x1',
      customerId: 'c-x1',
      overdueDays: 3,
      overdueAmount: '1200.00',
      productCode: 'consumer',
    };
    await publish(loanOverdue.subject, 'bank-a', overdue);
    await publish(loanOverdue.subject, 'bank-a', overdue);
    const count = async () =>
      (await svc.ds.query(
        "SELECT customer_ref, depth FROM risk_warning WHERE hit_ref = 'c-x1' ORDER BY depth",
      )) as {
        customer_ref: string;
      }[];
    await expect.poll(async () => (await count()).length, { timeout: 5000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect((await count()).map((r) => r.customer_ref)).toEqual(['c-x1', 'c-x2']);
  });
});
