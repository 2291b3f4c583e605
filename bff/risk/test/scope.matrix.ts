import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';

/**
 * The risk console in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). Its
 * decision runs are made by credit's fixtures (each submission is pre-screened).
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
    // the models register is the union's (every bank runs the same models); monitoring aggregates the
    // caller's bank's runs (bff/risk/test/models.test.ts checks that); keeping it is union-only
    'GET /api/risk/models': { kind: 'global' },
    'GET /api/risk/models/:code': { kind: 'global', input: { code: 'RATING_A' } },
    'GET /api/risk/models/:code/monitoring': { kind: 'global', input: { code: 'PRESCREEN_PERSONAL' } },
    'PUT /api/risk/models/:code': {
      kind: 'union',
      input: { code: 'COLLECTION', owner: '风险管理部', status: 'piloting', description: '' },
    },
  },
};
