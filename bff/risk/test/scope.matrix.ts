import { randomUUID } from 'node:crypto';
import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';

const RUN = ['batchRun'];

/**
 * The risk console in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). Its
 * decision runs are made by credit's fixtures (each submission is pre-screened); batch runs are
 * rows made here as each demo user (a finished run over their own org).
 */
export const matrix: ScopeMatrixPlugin = {
  mappings: {
    'GET /api/risk/decisions': {
      kind: 'list',
      items: ['decision'],
      probes: (fx) =>
        fx.filter((f) => f.kind === 'application').map((f) => ({ subjectRef: `credit-application:${f.id}` })),
    },
    'GET /api/risk/decisions/:id': { kind: 'read', targets: ['decision'] },
    'GET /api/risk/graphs': { kind: 'global' },
    'POST /api/risk/batch-runs': {
      kind: 'create',
      ref: null,
      body: () => ({ flowName: 'credit.preapproval', asOf: '2026-12-01', segment: 'nobody' }),
    },
    'GET /api/risk/batch-runs': { kind: 'list', items: RUN, probes: () => [{}, { status: 'done' }] },
    'GET /api/risk/batch-runs/:id': { kind: 'read', targets: RUN },
    'GET /api/risk/batch-runs/:id/progress': { kind: 'read', targets: RUN },
    'GET /api/risk/batch-runs/:id/results': { kind: 'read', targets: RUN },
    'GET /api/risk/batch-runs/:id/summary': { kind: 'read', targets: RUN },
    'GET /api/risk/batch-runs/:id/export': { kind: 'read', targets: RUN },
    'POST /api/risk/batch-runs/:id/pause': { kind: 'transition', targets: RUN, body: { version: 1 } },
    'POST /api/risk/batch-runs/:id/resume': { kind: 'transition', targets: RUN, body: { version: 1 } },
    'POST /api/risk/batch-runs/:id/cancel': { kind: 'transition', targets: RUN, body: { version: 1 } },
  },
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
};
