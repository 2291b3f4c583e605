import type { MatrixContext, ScopeMatrixPlugin } from '@zhanye/kit/testing';

/**
 * The credit catalogue in the product's scope matrix. Products, the LPR and the rule tables are a
 * bank's reference data: everyone in the bank with the permission reads them whatever their data
 * scope, another bank's are 404 (`bankRead`, one product per bank as fixture), changes stay in the
 * caller's bank (`tenantWrite` aimed at bank-b's product; `create` for what is always the caller's).
 */
const PRODUCT = 'FARMER_CREDIT';
/** Bank-b's product, found by its fixture (the writes aim at it; made before the mutation tests run). */
let bankBProduct = '';

const terms = {
  name: '矩阵产品',
  kind: 'consumer',
  guaranteeTypes: ['credit'],
  minAmount: '1000',
  maxAmount: '100000',
  minTermMonths: 6,
  maxTermMonths: 36,
  repaymentMethods: ['equal_installment'],
  lprTenor: '1Y',
  floorBps: 0,
  ceilingBps: 300,
  investigationForm: [],
  description: '',
};
const processRows = [{ mode: 'staffed', approvalLevel: 'hq', note: 'matrix' }];
const authorityRows = [{ post: 'approver', orgLevel: 'hq', productCode: '*', maxAmount: '5000000' }];

export const catalogueMappings: ScopeMatrixPlugin['mappings'] = {
  'GET /api/credit/products': { kind: 'global' },
  'GET /api/credit/products/:id': { kind: 'bankRead', targets: ['product'], input: (f) => ({ id: f.id }) },
  'GET /api/credit/products/:id/versions': {
    kind: 'bankRead',
    targets: ['product'],
    input: (f) => ({ id: f.id }),
  },
  'POST /api/credit/products': {
    kind: 'create',
    ref: null,
    body: (_c, n) => ({ ...terms, code: `MATRIX_${n}` }),
  },
  'POST /api/credit/products/:id/versions': {
    kind: 'tenantWrite',
    foreign: () => ({ ...terms, id: bankBProduct, baseVersion: 1 }),
  },
  'POST /api/credit/products/:id/retire': { kind: 'tenantWrite', foreign: () => ({ id: bankBProduct }) },
  'GET /api/credit/lpr': { kind: 'global' },
  'POST /api/credit/lpr': {
    kind: 'create',
    ref: null,
    // a fresh date per request (a tenor has one fixing a day)
    body: (_c, n) => ({
      tenor: '1Y',
      effectiveDate: new Date(Date.UTC(2040, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
      ratePct: '3.00',
    }),
  },
  'GET /api/credit/pricing/quote': {
    kind: 'bankRead',
    targets: ['product'],
    input: (f) => ({
      productId: f.id,
      amount: '50000',
      termMonths: 12,
      guaranteeType: 'credit',
      segment: 'existing',
    }),
  },
  'GET /api/credit/rules/process': { kind: 'global' },
  'POST /api/credit/rules/process': { kind: 'create', ref: null, body: () => ({ rows: processRows }) },
  'POST /api/credit/rules/process/:version/activate': {
    kind: 'tenantWrite',
    foreign: () => ({ version: 999_999 }),
    own: () => ({ version: 1 }),
  },
  'GET /api/credit/rules/process/try': {
    kind: 'global',
    input: {
      productCode: 'CONSUMER',
      amount: '20000',
      guaranteeType: 'credit',
      segment: 'existing',
      prescreen: 'pass',
    },
  },
  'GET /api/credit/rules/authority': { kind: 'global' },
  'POST /api/credit/rules/authority': { kind: 'create', ref: null, body: () => ({ rows: authorityRows }) },
  'POST /api/credit/rules/authority/:version/activate': {
    kind: 'tenantWrite',
    foreign: () => ({ version: 999_999 }),
    own: () => ({ version: 1 }),
  },
};

/**
 * One product per bank as fixture (the standard catalogue, given on the bank's first read): am1's
 * for bank-a, bam1's for bank-b. am2 makes none: a product is the bank's, not a person's.
 */
export async function catalogueFixtures(ctx: MatrixContext, who: string): Promise<void> {
  if (who === 'am2') return;
  const { items } = (await ctx.ok(ctx.session(who), 'GET /api/credit/products', {})) as {
    items: { id: string; code: string; name: string }[];
  };
  const product = items.find((p) => p.code === PRODUCT)!;
  ctx.add(who, 'product', product.id, product.name);
  if (ctx.session(who).user.bankId === 'bank-b') bankBProduct = product.id;
}

/** What refused writes must leave as it was: every product's version and status, the active tables. */
export async function catalogueStates(ctx: MatrixContext): Promise<Record<string, unknown>> {
  return {
    products: await ctx.query('credit', 'SELECT id, current_version, status FROM credit_product ORDER BY id'),
    tables: await ctx.query(
      'credit',
      'SELECT bank_id, kind, version, active FROM credit_rule_table ORDER BY bank_id, kind, version',
    ),
  };
}
