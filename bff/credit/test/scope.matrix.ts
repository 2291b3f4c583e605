import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';
import { expect } from 'vitest';

const CREATE = 'POST /api/credit/applications';
const SUBMIT = 'POST /api/credit/applications/:id/submit';
const GET = 'GET /api/credit/applications/:id';

/**
 * Credit in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). Each demo user's
 * application is submitted to risk, so the risk console's decision runs are made here too.
 */
export const matrix: ScopeMatrixPlugin = {
  mappings: {
    'GET /api/credit/applications': {
      kind: 'list',
      items: ['application', 'draft'],
      probes: () => [{ status: 'draft' }, { status: 'pending_approval' }],
    },
    [GET]: { kind: 'read', targets: ['application', 'draft'] },
    [CREATE]: {
      kind: 'create',
      ref: 'customer',
      body: (customerId) => ({
        customerId,
        productCode: 'consumer',
        amount: '50000.00',
        termMonths: 12,
        annualIncome: '200000.00',
        purpose: '矩阵测试',
      }),
    },
    [SUBMIT]: { kind: 'transition', targets: ['draft'], body: {} },
    'POST /api/credit/applications/:id/approve': {
      kind: 'transition',
      targets: ['application'],
      body: { comment: 'matrix' },
    },
    'POST /api/credit/applications/:id/reject': {
      kind: 'transition',
      targets: ['application'],
      body: { comment: 'matrix' },
    },
  },
  after: ['customer'],
  async fixtures(ctx, who) {
    const s = ctx.session(who);
    const customer = ctx.own(who, 'customer')!;
    const body = ctx.createBody(CREATE, customer.id);
    const app = await ctx.ok(s, CREATE, body);
    const submitted = await ctx.ok(s, SUBMIT, { id: app.id });
    expect(submitted.status).toBe('pending_approval');
    ctx.add(who, 'application', String(app.id), customer.name);
    ctx.add(who, 'decision', String(submitted.decisionId), customer.name);
    const draft = await ctx.ok(s, CREATE, body);
    ctx.add(who, 'draft', String(draft.id), customer.name);
  },
  /** Application statuses as each application's own bank sees them (approver of that bank). */
  async states(ctx) {
    const out: Record<string, unknown> = {};
    for (const f of ctx.fixtures.filter((x) => x.kind === 'application' || x.kind === 'draft')) {
      const reader = ctx.session(f.bankId === 'bank-a' ? 'approver1' : 'bapprover1');
      out[`${f.owner}:${f.kind}`] = (await ctx.ok(reader, GET, { id: f.id })).status;
    }
    return out;
  },
  /** Transitions by an in-scope user of the record's own bank. */
  async inScope(ctx) {
    const of = (who: string, kind: string) => ctx.own(who, kind)!.id;
    expect((await ctx.ok(ctx.session('am1'), SUBMIT, { id: of('am1', 'draft') })).status).toBe(
      'pending_approval',
    );
    const approve = 'POST /api/credit/applications/:id/approve';
    const reject = 'POST /api/credit/applications/:id/reject';
    const approver = ctx.session('approver1');
    expect((await ctx.ok(approver, approve, { id: of('am1', 'application') })).status).toBe('approved');
    expect((await ctx.ok(approver, reject, { id: of('am2', 'application') })).status).toBe('rejected');
    const bApprover = ctx.session('bapprover1');
    expect((await ctx.ok(bApprover, approve, { id: of('bam1', 'application') })).status).toBe('approved');
  },
};
