import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';

/** The customer center in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). */
export const matrix: ScopeMatrixPlugin = {
  mappings: {
    'GET /api/customer/customers': {
      kind: 'list',
      items: ['customer'],
      probes: (fx) => fx.filter((f) => f.kind === 'customer').map((f) => ({ q: f.name })),
    },
    'POST /api/customer/customers': {
      kind: 'create',
      ref: null,
      body: (_c, n) => ({
        name: `矩阵客户${n}`,
        idNumber: `1101011990${String(n).padStart(7, '0')}X`,
        phone: '13900000000',
      }),
    },
    'GET /api/customer/customers/:id': { kind: 'read', targets: ['customer'] },
    'GET /api/customer/customers/:id/timeline': { kind: 'read', targets: ['customer'] },
  },
  async fixtures(ctx, who) {
    const name = `矩阵${who}`;
    const c = await ctx.ok(ctx.session(who), 'POST /api/customer/customers', {
      name,
      idNumber: ctx.idNumber(),
      phone: '13812345678',
    });
    ctx.add(who, 'customer', String(c.id), name);
  },
};
