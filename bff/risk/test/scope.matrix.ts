import { randomUUID } from 'node:crypto';
import type { MatrixContext, ScopeMatrixPlugin } from '@zhanye/kit/testing';

/** One rule per bank with a known id, aimed at from the other bank (404, nothing changes). */
const RULE = {
  'bank-a': '00000000-0000-4000-8000-0000000a0001',
  'bank-b': '00000000-0000-4000-8000-0000000b0001',
};
const BANK_B_USERS = new Set(['bam1', 'bapprover1', 'badmin']);
const ruleBody = (n: number) => ({
  kind: 'court',
  title: `矩阵规则${n}`,
  threshold: 0,
  severity: 'high',
  depth: 1,
  floor: '0.5000',
  weights: { guarantor: '0.9000', family: '0.5000', employer: '0.5000', address: '0.0000', phone: '0.0000' },
  enabled: false,
});

/**
 * The risk console in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). Its
 * decision runs are made by credit's fixtures (each submission is pre-screened). Decision flows
 * are reference data per owner: the union's standard ones every bank reads (`global`), a bank's
 * own draft flows (made in `setup`: `matrix.aflow` in bank-a, `matrix.bflow` in bank-b) are
 * changed in their bank only (`tenantWrite`: bank-b's is 404 to bank-a's risk staff). Its warnings are
 * written here for each demo user's own customer (a signal needs the relation read model, which
 * no endpoint fills).
 */
const matrixDraft = {
  titleZh: '矩阵',
  titleEn: 'Matrix',
  type: 'number',
  kind: 'expression',
  expression: 'age + 1',
};
const A_VERSION = 900_002;
const B_VERSION = 900_001;
let ctxRef: MatrixContext | null = null;

const graph = {
  nodes: [
    { id: 'in', type: 'inputNode', name: '输入', content: {} },
    {
      id: 'x',
      type: 'expressionNode',
      name: '计算',
      content: { expressions: [{ id: 'e', key: 'y', value: 'x + 1' }] },
    },
    { id: 'out', type: 'outputNode', name: '输出', content: {} },
  ],
  edges: [
    { id: 'e1', sourceId: 'in', targetId: 'x' },
    { id: 'e2', sourceId: 'x', targetId: 'out' },
  ],
};
const cases = [{ name: '加一', input: { x: 1 }, expected: { y: 2 } }];

/** A bank-b run (made by credit's fixtures as bam1): what bank-a's staff must not replay. */
const bankBRun = () => ctxRef?.fixtures.find((f) => f.kind === 'decision' && f.bankId === 'bank-b')?.id ?? '';

async function draft(ctx: MatrixContext, bank: string, name: string, version: number) {
  await ctx.query(
    'risk',
    `INSERT IGNORE INTO flow (bank_id, name, title, description, stable_version, canary_version, canary_percent,
       row_version, created_at, updated_at) VALUES (?, ?, '矩阵决策流', '', NULL, NULL, 0, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    [bank, name],
  );
  await ctx.query(
    'risk',
    `INSERT IGNORE INTO flow_version (name, version, bank_id, title, content, hash, features, note, cases, status,
       author_id, author_name, created_at) VALUES (?, ?, ?, '矩阵决策流', ?, ?, '[]', '', ?, 'draft', 'u-matrix', '矩阵', UTC_TIMESTAMP(3))`,
    [name, version, bank, JSON.stringify(graph), '0'.repeat(64), JSON.stringify(cases)],
  );
}

/** Batch runs (made as rows per demo user: no read model here). */
const RUN = ['batchRun'];

const foreign =
  (extra: Record<string, unknown> = {}) =>
  () => ({ name: 'matrix.bflow', ...extra });

export const matrix: ScopeMatrixPlugin = {
  after: ['credit'],
  async setup(ctx) {
    ctxRef = ctx;
    await draft(ctx, 'bank-a', 'matrix.aflow', A_VERSION);
    await draft(ctx, 'bank-b', 'matrix.bflow', B_VERSION);
    // the demo month of decisions (models register) is not the matrix's: its runs are the fixtures'
    await ctx.query('risk', "DELETE FROM decision_run WHERE subject_ref LIKE 'demo-model:%'");
    await warningSetup(ctx);
  },
  mappings: {
    'GET /api/risk/decisions': {
      kind: 'list',
      items: ['decision'],
      probes: (fx) =>
        fx.filter((f) => f.kind === 'application').map((f) => ({ subjectRef: `credit-application:${f.id}` })),
    },
    'GET /api/risk/decisions/:id': { kind: 'read', targets: ['decision'] },
    'GET /api/risk/graphs': { kind: 'global' },
    // the feature factory: the catalogue is the caller's bank's (names resolve in it only)
    'GET /api/risk/features': { kind: 'global' },
    'GET /api/risk/features/:name': { kind: 'global', input: { name: 'age' } },
    'GET /api/risk/features/:name/distribution': {
      kind: 'global',
      input: { name: 'age', asOf: '2026-01-01' },
    },
    'POST /api/risk/features': {
      kind: 'create',
      ref: null,
      body: (_customerId, n) => ({ name: `matrix_f${n}`, draft: matrixDraft }),
    },
    'POST /api/risk/features/:name/versions': {
      kind: 'tenantWrite',
      foreign: () => ({ name: 'no_such_feature', draft: matrixDraft }),
    },
    // one customer's features: in scope (the customer service's or risk's read model's) or 404
    'GET /api/risk/customer-features/:id': { kind: 'read', targets: ['customer'] },
    'POST /api/risk/customer-features/:id/test': {
      kind: 'transition',
      targets: ['customer'],
      body: { name: 'matrix_t', draft: matrixDraft },
    },
    'POST /api/risk/customer-features/:id/pull': {
      kind: 'transition',
      targets: ['customer'],
      body: { days: 30 },
    },
    'GET /api/risk/flows': { kind: 'global' },
    'GET /api/risk/flows/:name': { kind: 'global', input: { name: 'credit.rating' } },
    'GET /api/risk/flows/:name/versions/:version': {
      kind: 'global',
      input: { name: 'credit.rating', version: 1 },
    },
    'GET /api/risk/flows/:name/diff': { kind: 'global', input: { name: 'credit.rating', from: 1, to: 1 } },
    // creating a flow: in the caller's own bank (or the union's standard), whatever it names
    'POST /api/risk/flows': {
      kind: 'union',
      input: { name: 'matrix.created', title: '矩阵新建', content: graph },
    },
    'POST /api/risk/flows/:name/versions': { kind: 'tenantWrite', foreign: foreign({ content: graph }) },
    'PUT /api/risk/flows/:name/versions/:version/cases': {
      kind: 'tenantWrite',
      foreign: foreign({ version: B_VERSION, cases: [] }),
      own: () => ({ name: 'matrix.aflow', version: A_VERSION, cases }),
    },
    'POST /api/risk/flows/:name/versions/:version/test': {
      kind: 'tenantWrite',
      foreign: foreign({ version: B_VERSION }),
      own: () => ({ name: 'matrix.aflow', version: A_VERSION }),
    },
    'POST /api/risk/flows/:name/versions/:version/publish': {
      kind: 'tenantWrite',
      foreign: foreign({ version: B_VERSION }),
    },
    'POST /api/risk/flows/:name/canary': { kind: 'tenantWrite', foreign: foreign({ action: 'abort' }) },
    'POST /api/risk/flows/:name/rollback': {
      kind: 'tenantWrite',
      foreign: foreign({ toVersion: B_VERSION }),
    },
    'POST /api/risk/flows/:name/simulate': {
      kind: 'tenantWrite',
      foreign: foreign({ version: B_VERSION, input: { x: 1 } }),
      own: () => ({ name: 'matrix.aflow', version: A_VERSION, input: { x: 1 } }),
    },
    'GET /api/risk/runs': {
      kind: 'list',
      items: ['decision'],
      probes: (fx) =>
        fx.filter((f) => f.kind === 'application').map((f) => ({ subjectRef: `credit-application:${f.id}` })),
    },
    'GET /api/risk/runs/:id': { kind: 'read', targets: ['decision'] },
    'POST /api/risk/runs/:id/replay': {
      kind: 'tenantWrite',
      foreign: () => ({ id: bankBRun(), version: 1 }),
    },
    // the models register is the union's (every bank runs the same models); monitoring aggregates the
    // caller's bank's runs (bff/risk/test/models.test.ts checks that); keeping it is union-only
    'GET /api/risk/models': { kind: 'global' },
    'GET /api/risk/models/:code': { kind: 'global', input: { code: 'RATING_A' } },
    'GET /api/risk/models/:code/monitoring': { kind: 'global', input: { code: 'PRESCREEN_PERSONAL' } },
    'PUT /api/risk/models/:code': {
      kind: 'union',
      input: { code: 'COLLECTION', owner: '风险管理部', status: 'piloting', description: '' },
    },
    'POST /api/risk/batch-runs': {
      kind: 'create',
      ref: null,
      body: () => ({ flowName: 'credit.preapproval', asOf: '2026-12-01', segment: 'nobody' }),
    },
    'GET /api/risk/batch-runs': { kind: 'list', items: RUN, probes: () => [{}, { status: 'running' }] },
    'GET /api/risk/batch-runs/:id': { kind: 'read', targets: RUN },
    'GET /api/risk/batch-runs/:id/progress': { kind: 'read', targets: RUN },
    'GET /api/risk/batch-runs/:id/results': { kind: 'read', targets: RUN },
    'GET /api/risk/batch-runs/:id/summary': { kind: 'read', targets: RUN },
    'GET /api/risk/batch-runs/:id/export': { kind: 'read', targets: RUN },
    'POST /api/risk/batch-runs/:id/pause': { kind: 'transition', targets: RUN, body: { version: 1 } },
    'POST /api/risk/batch-runs/:id/resume': { kind: 'transition', targets: RUN, body: { version: 1 } },
    'POST /api/risk/batch-runs/:id/cancel': { kind: 'transition', targets: RUN, body: { version: 1 } },
    'GET /api/risk/warnings': {
      kind: 'list',
      items: ['warning'],
      probes: () => [{ status: 'new', kind: 'court' }],
    },
    'GET /api/risk/warnings/:id': { kind: 'read', targets: ['warning'] },
    'POST /api/risk/warnings/:id/acknowledge': {
      kind: 'transition',
      targets: ['warning'],
      body: { version: 0 },
    },
    'POST /api/risk/warnings/:id/handle': {
      kind: 'transition',
      targets: ['warning'],
      body: { version: 1, note: '矩阵检查' },
    },
    'POST /api/risk/warnings/:id/close': { kind: 'transition', targets: ['warning'], body: { version: 2 } },
    'GET /api/risk/warning-rules': { kind: 'global' },
    'POST /api/risk/warning-rules': { kind: 'create', ref: null, body: (_c, n) => ruleBody(n) },
    'PUT /api/risk/warning-rules/:id': {
      kind: 'tenantWrite',
      foreign: (caller?: string) => ({
        ...ruleBody(0),
        id: BANK_B_USERS.has(caller ?? '') ? RULE['bank-a'] : RULE['bank-b'],
        version: 0,
      }),
    },
    'DELETE /api/risk/warning-rules/:id': {
      kind: 'tenantWrite',
      foreign: (caller?: string) => ({
        id: BANK_B_USERS.has(caller ?? '') ? RULE['bank-a'] : RULE['bank-b'],
      }),
    },
  },
  async fixtures(ctx, who) {
    const u = ctx.session(who).user;
    // a batch run per demo user: a running run over their own org
    const runId = randomUUID();
    await ctx.query(
      'risk',
      `INSERT INTO batch_run (id, bank_id, org_id, org_path, owner_id, status, version, flow_name, flow_version,
         flow_hash, as_of, pop_org_path, chunk_size, created_by_name, created_at, started_at, finished_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'running', 1, 'credit.preapproval', 1, 'matrix', '2026-12-01', ?, 100, ?,
         UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), NULL, UTC_TIMESTAMP(3))`,
      [runId, u.bankId, u.orgId, u.orgPath, u.userId, u.orgPath, u.displayName],
    );
    ctx.add(who, 'batchRun', runId, `批量授信 ${u.displayName}`);
    // a warning on the user's own customer
    const customer = ctx.own(who, 'customer');
    if (!customer) return;
    const id = randomUUID();
    await ctx.query(
      'risk',
      `INSERT INTO risk_warning (id, bank_id, org_id, org_path, owner_id, signal_id, rule_id, rule_title, rule_depth,
         kind, severity, customer_ref, customer_name, hit_ref, hit_name, depth, score_bp, path, manager_name, status,
         version, note, open_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, '涉诉或被执行', 2, 'court', 'high', ?, ?, ?, ?, 0, 10000, '[]', ?, 'new', 0, NULL,
         NULL, UTC_TIMESTAMP(3))`,
      [
        id,
        u.bankId,
        u.orgId,
        u.orgPath,
        u.userId,
        randomUUID(),
        randomUUID(),
        customer.id,
        customer.name,
        customer.id,
        customer.name,
        u.displayName,
      ],
    );
    ctx.add(who, 'warning', id, customer.name);
  },
};

/** The warnings' part of the setup: demo warnings out of the way, a rule per bank to aim at. */
async function warningSetup(ctx: MatrixContext) {
  // the demo seed's warnings are not the matrix's: each warning is a record every user reads,
  // and one per demo user's own customer (above) covers the scopes (CI's time budget)
  await ctx.query(
    'risk',
    "DELETE FROM risk_warning WHERE signal_id IN (SELECT id FROM risk_signal WHERE source_id LIKE 'demo:%')",
  );
  for (const [bank, id] of Object.entries(RULE)) {
    await ctx.query(
      'risk',
      `INSERT INTO warning_rule (id, bank_id, kind, title, threshold, severity, depth, floor_bp, weights, enabled,
         version, created_by, updated_by, updated_at)
       VALUES (?, ?, 'court', '矩阵规则', 0, 'high', 1, 5000, '{}', 0, 0, 'matrix', 'matrix', UTC_TIMESTAMP(3))`,
      [id, bank],
    );
  }
}
