import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';

/**
 * The risk console in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). Its
 * decision runs are made by credit's fixtures (each submission is pre-screened).
 */
const matrixDraft = {
  titleZh: '矩阵',
  titleEn: 'Matrix',
  type: 'number',
  kind: 'expression',
  expression: 'age + 1',
};

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
