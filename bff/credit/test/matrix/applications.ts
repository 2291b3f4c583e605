import type { MatrixContext, ScopeMatrixPlugin } from '@zhanye/kit/testing';

const CREATE = 'POST /api/credit/applications';
const BATCH = 'POST /api/credit/applications/batch';
const SUPPLEMENT = 'POST /api/credit/applications/supplementary';
const SUBMIT = 'POST /api/credit/applications/:id/submit';
const GET = 'GET /api/credit/applications/:id';
const PRODUCTS = 'GET /api/credit/products';

/** A 1x1 PNG: the "signed scan" of an authorisation and an attachment in the matrix. */
export const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Each bank's product of the matrix (filled by the fixtures; products are per bank). */
const productOfBank = new Map<string, string>();
const bankOfCustomer = new Map<string, string>();
const product = (customerId: string) => productOfBank.get(bankOfCustomer.get(customerId) ?? '') ?? 'none';

const terms = (customerId: string) => ({
  productId: product(customerId),
  amount: '50000.00',
  termMonths: 12,
  repaymentMethod: 'equal_installment',
  guaranteeType: 'credit',
});

const today = () => new Date().toISOString().slice(0, 10);

/** Notes which bank each customer fixture is in, and each bank's farmer credit product. */
async function learn(ctx: MatrixContext, who: string) {
  for (const f of ctx.fixtures.filter((x) => x.kind === 'customer')) bankOfCustomer.set(f.id, f.bankId);
  const s = ctx.session(who);
  if (!productOfBank.has(s.user.bankId)) {
    const { items } = (await ctx.ok(s, PRODUCTS, {})) as { items: { id: string; code: string }[] };
    const p = items.find((x) => x.code === 'FARMER_CREDIT') ?? items[0];
    if (p) productOfBank.set(s.user.bankId, p.id);
  }
}

const step = (path: string, body: Record<string, unknown>, targets = ['application', 'draft']) => ({
  [`POST /api/credit/applications/:id/${path}`]: { kind: 'transition' as const, targets, body },
});

/** The application endpoints in the product's scope matrix. */
export const applicationsMappings: ScopeMatrixPlugin['mappings'] = {
  'GET /api/credit/applications': {
    kind: 'list',
    items: ['application', 'draft'],
    probes: () => [{ status: 'draft' }, { status: 'investigating' }, { productCode: 'FARMER_CREDIT' }],
  },
  [GET]: { kind: 'read', targets: ['application', 'draft'] },
  'GET /api/credit/applications/:id/steps': { kind: 'read', targets: ['application', 'draft'] },
  'GET /api/credit/applications/:id/attachments': { kind: 'read', targets: ['application', 'draft'] },
  'GET /api/credit/attachments/:id': { kind: 'read', targets: ['attachment', 'bureauScan'] },
  'GET /api/credit/leads/:id/prefill': { kind: 'read', targets: ['lead'] },
  [CREATE]: {
    kind: 'create',
    ref: 'customer',
    body: (customerId) => ({
      customerId,
      ...terms(customerId),
      annualIncome: '200000.00',
      purpose: '矩阵测试',
    }),
  },
  [BATCH]: {
    kind: 'create',
    ref: 'customer',
    body: (customerId) => ({
      customerId,
      annualIncome: '200000.00',
      purpose: '矩阵测试',
      items: [terms(customerId)],
    }),
  },
  [SUPPLEMENT]: {
    kind: 'create',
    ref: 'customer',
    body: (customerId, n) => ({
      customerId,
      ...terms(customerId),
      annualIncome: '200000.00',
      purpose: '矩阵测试',
      ratePct: '3.85',
      reason: '线下已审批',
      offlineRef: `OFF-${n}`,
      grantedOn: today(),
    }),
  },
  'PATCH /api/credit/applications/:id': {
    kind: 'transition',
    targets: ['application', 'draft'],
    body: { version: 1, purpose: '改' },
  },
  'PUT /api/credit/applications/:id/investigation': {
    kind: 'transition',
    targets: ['application', 'draft'],
    body: { version: 1, assistantId: null, form: {} },
  },
  ...step('submit', { version: 1 }),
  ...step('admit', { version: 1, comment: 'matrix' }),
  ...step('refuse-admission', { version: 1, comment: 'matrix' }),
  ...step('investigation/submit', { version: 1 }),
  ...step('investigation/confirm', { version: 1 }),
  ...step('investigation/return', { version: 1, comment: 'matrix' }),
  ...step('complete', { version: 1 }),
  ...step('pass', { version: 1 }),
  ...step('approve', { version: 1 }),
  ...step('return', { version: 1, comment: 'matrix' }),
  ...step('reject', { version: 1, comment: 'matrix' }),
  ...step('withdraw', { version: 1, comment: 'matrix' }),
  ...step('evidence', { format: 'xlsx' }),
  ...step('attachments', { kind: 'other', filename: 'm.png', mime: 'image/png', base64: PNG }),
  // the caller's own: their to-dos, their branch colleagues
  'GET /api/credit/todos': { kind: 'global' },
  'POST /api/credit/todos/:id/claim': { kind: 'transition', targets: ['todo'], body: {} },
  'GET /api/credit/colleagues': { kind: 'global' },
  // figures summed over the caller's data scope only (see the statistics test in bff/credit)
  'GET /api/credit/stats': { kind: 'global' },
  // scheduled jobs work for every bank: banks see them; only the union's operators run one
  'GET /api/credit/jobs': { kind: 'global' },
  'POST /api/credit/jobs/:name/run': { kind: 'release', input: { name: 'no-such-job' }, bankLevel: 403 },
};

/**
 * As a demo user (after the bureau fixtures recorded an authorisation for their customer): a
 * submitted application (its bureau report and query too), a draft, an attachment, a to-do.
 */
export async function applicationsFixtures(ctx: MatrixContext, who: string) {
  await learn(ctx, who);
  const s = ctx.session(who);
  const customer = ctx.own(who, 'customer')!;
  const body = ctx.createBody(CREATE, customer.id);
  const app = await ctx.ok(s, CREATE, body);
  const submitted = await ctx.ok(s, SUBMIT, { id: app.id, version: app.version });
  if (submitted.status === 'draft') throw new Error(`${who}'s application was not submitted`);
  ctx.add(who, 'application', String(app.id), customer.name);
  // the submit queried the bureau: its report and query log entry
  if (submitted.bureauReportId) ctx.add(who, 'bureauReport', String(submitted.bureauReportId), customer.name);
  const queries = (await ctx.query('credit', 'SELECT id FROM credit_bureau_query WHERE application_id = ?', [
    app.id,
  ])) as { id: string }[];
  for (const q of queries) ctx.add(who, 'bureauQuery', q.id, customer.name);
  // risk's decisions on it: the pre-screen and the pricing
  const runs = (await ctx.query('risk', 'SELECT id FROM decision_run WHERE subject_ref = ?', [
    `credit-application:${app.id}`,
  ])) as { id: string }[];
  for (const r of runs) ctx.add(who, 'decision', r.id, customer.name);
  const draft = await ctx.ok(s, CREATE, body);
  ctx.add(who, 'draft', String(draft.id), customer.name);
  const file = await ctx.ok(s, 'POST /api/credit/applications/:id/attachments', {
    id: draft.id,
    kind: 'id_card',
    filename: '身份证.png',
    mime: 'image/png',
    base64: PNG,
  });
  ctx.add(who, 'attachment', String(file.id), customer.name);
  const rows = (await ctx.query(
    'credit',
    'SELECT id FROM workflow_todo WHERE aggregate_id = ? AND closed_at IS NULL',
    [app.id],
  )) as { id: string }[];
  for (const r of rows) ctx.add(who, 'todo', r.id, customer.name);
}

/** Application statuses and versions as each application's own bank sees them. */
export async function applicationsStates(ctx: MatrixContext) {
  const out: Record<string, unknown> = {};
  for (const f of ctx.fixtures.filter((x) => x.kind === 'application' || x.kind === 'draft')) {
    const reader = ctx.session(f.bankId === 'bank-a' ? 'approver1' : 'bapprover1');
    const a = await ctx.ok(reader, GET, { id: f.id });
    out[`${f.owner}:${f.kind}`] = `${a.status}@${a.version}`;
  }
  return out;
}

/** Changes by in-scope users of the record's own bank. */
export async function applicationsInScope(ctx: MatrixContext) {
  const am1 = ctx.session('am1');
  const draft = await ctx.ok(am1, GET, { id: ctx.own('am1', 'draft')!.id });
  const out = await ctx.ok(am1, 'POST /api/credit/applications/:id/withdraw', {
    id: draft.id,
    version: draft.version,
    comment: '矩阵撤回',
  });
  if (out.status !== 'withdrawn') throw new Error(`withdraw: ${String(out.status)}`);
}
