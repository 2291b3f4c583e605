import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';

const CREATE = 'POST /api/marketing/leads';

/** Marketing in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). */
export const matrix: ScopeMatrixPlugin = {
  mappings: {
    'GET /api/marketing/leads': {
      kind: 'list',
      items: ['lead'],
      probes: (fx) => fx.filter((f) => f.kind === 'customer').map((f) => ({ customerId: f.id })),
    },
    [CREATE]: {
      kind: 'create',
      ref: 'customer',
      body: (customerId) => ({ customerId, product: '矩阵贷', expectedAmount: '10000' }),
    },
  },
  after: ['customer'],
  async fixtures(ctx, who) {
    const customer = ctx.own(who, 'customer')!;
    const lead = await ctx.ok(ctx.session(who), CREATE, ctx.createBody(CREATE, customer.id));
    ctx.add(who, 'lead', String(lead.id), customer.name);
  },
};
