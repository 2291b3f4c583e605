import { randomUUID } from 'node:crypto';
import type { MatrixContext, ScopeMatrixPlugin } from '@zhanye/kit/testing';

/**
 * The risk console in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). Its
 * decision runs are made by credit's fixtures (each submission is pre-screened). Decision flows
 * are reference data per owner: the union's standard ones every bank reads (`global`), a bank's
 * own draft flows (made in `setup`: `matrix.aflow` in bank-a, `matrix.bflow` in bank-b) are
 * changed in their bank only (`tenantWrite`: bank-b's is 404 to bank-a's risk staff).
 */
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

const RUN = ['batchRun'];

const foreign =
  (extra: Record<string, unknown> = {}) =>
  () => ({ name: 'matrix.bflow', ...extra });
const matrixDraft = {
  titleZh: '矩阵',
  titleEn: 'Matrix',
  type: 'number',
  kind: 'expression',
  expression: 'age + 1',
};

export const matrix: ScopeMatrixPlugin = {
  after: ['credit'],
  async setup(ctx) {
    ctxRef = ctx;
    await draft(ctx, 'bank-a', 'matrix.aflow', A_VERSION);
    await draft(ctx, 'bank-b', 'matrix.bflow', B_VERSION);
  },
  // a batch run per demo user: a running run over their own org (made as a row: no read model here)
  async fixtures(ctx, who) {
    const u = ctx.session(who).user;
    const id = randomUUID();
    await ctx.query(
      'risk',
      `INSERT INTO batch_run (id, bank_id, org_id, org_path, owner_id, status, version, flow_name, flow_version,
         flow_hash, as_of, pop_org_path, chunk_size, created_by_name, created_at, started_at, finished_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'running', 1, 'credit.preapproval', 1, 'matrix', '2026-12-01', ?, 100, ?,
         UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), NULL, UTC_TIMESTAMP(3))`,
      [id, u.bankId, u.orgId, u.orgPath, u.userId, u.orgPath, u.displayName],
    );
    ctx.add(who, 'batchRun', id, `批量授信 ${u.displayName}`);
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
  },
};
