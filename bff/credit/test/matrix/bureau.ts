import type { MatrixContext, ScopeMatrixPlugin } from '@zhanye/kit/testing';

const AUTHORIZE = 'POST /api/credit/bureau/authorizations';
const QUERY = 'POST /api/credit/applications/:id/bureau-report';

/** A one-page "PDF" (its bytes start as a PDF does: the files part checks them). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');

const customerProbes = (
  fx: Parameters<Extract<ScopeMatrixPlugin['mappings'][string], { kind: 'list' }>['probes']>[0],
) => fx.filter((f) => f.kind === 'customer').map((f) => ({ customerId: f.id }));

/**
 * The bureau's and the files' endpoints in the scope matrix. Fixture kinds: `bureauAuthorization`
 * and its scan `bureauScan` (made by `bureauFixtures` for the user's own customer), and, when the
 * user has an `application` fixture, `bureauReport` and `bureauQuery` (a query of it).
 */
export const bureauMappings: ScopeMatrixPlugin['mappings'] = {
  'GET /api/credit/bureau/authorizations': {
    kind: 'list',
    items: ['bureauAuthorization'],
    probes: customerProbes,
  },
  [AUTHORIZE]: {
    kind: 'create',
    ref: 'customer',
    body: (customerId) => ({
      customerId,
      purpose: 'loan_approval',
      validFrom: '2026-01-01',
      validTo: '2099-12-31',
      scan: { filename: '征信授权书.pdf', mime: 'application/pdf', base64: PDF },
    }),
  },
  'POST /api/credit/bureau/authorizations/:id/revoke': {
    kind: 'transition',
    targets: ['bureauAuthorization'],
    body: { reason: '矩阵：撤销' },
  },
  [QUERY]: { kind: 'transition', targets: ['application'], body: {} },
  'GET /api/credit/bureau/reports/:id': { kind: 'read', targets: ['bureauReport'] },
  'GET /api/credit/bureau/queries': { kind: 'list', items: ['bureauQuery'], probes: customerProbes },
  // the application's files (creditApi; routes from files/index.ts `filesRoutes`)
  'GET /api/credit/applications/:id/attachments': { kind: 'read', targets: ['application'] },
  'POST /api/credit/applications/:id/attachments': {
    kind: 'transition',
    targets: ['application'],
    body: { kind: 'other', filename: '矩阵.pdf', mime: 'application/pdf', base64: PDF },
  },
  'GET /api/credit/attachments/:id': { kind: 'read', targets: ['bureauScan'] },
};

/**
 * The user's authorisation (and its scan) for their own customer; with an application of theirs
 * (`application` fixture, made first), a bureau report of it and its query log entry. Run after
 * the customer fixtures (and the applications', if any).
 */
export async function bureauFixtures(ctx: MatrixContext, who: string): Promise<void> {
  const customer = ctx.own(who, 'customer');
  if (!customer) return;
  const session = ctx.session(who);
  const auth = await ctx.ok(session, AUTHORIZE, ctx.createBody(AUTHORIZE, customer.id));
  ctx.add(who, 'bureauAuthorization', String(auth.id), customer.name);
  ctx.add(who, 'bureauScan', String(auth.attachmentId), customer.name);
  const application = ctx.own(who, 'application');
  if (!application) return;
  // the query needs an authorisation for the application's own customer
  const [app] = (await ctx.query('credit', 'SELECT customer_id FROM credit_application WHERE id = ?', [
    application.id,
  ])) as { customer_id: string }[];
  if (app && app.customer_id !== customer.id) {
    const more = await ctx.ok(session, AUTHORIZE, ctx.createBody(AUTHORIZE, app.customer_id));
    ctx.add(who, 'bureauAuthorization', String(more.id), application.name);
    ctx.add(who, 'bureauScan', String(more.attachmentId), application.name);
  }
  const report = await ctx.ok(session, QUERY, { id: application.id });
  ctx.add(who, 'bureauReport', String(report.id), application.name);
  const rows = (await ctx.query('credit', 'SELECT id FROM credit_bureau_query WHERE report_id = ?', [
    report.id,
  ])) as { id: string }[];
  for (const row of rows) ctx.add(who, 'bureauQuery', row.id, application.name);
}
