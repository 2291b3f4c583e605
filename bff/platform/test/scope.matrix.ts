import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';
import { release } from './support.ts';

/** Another bank's (bank-b's) records for the admin rows, filled in by `setup`. */
const other = { role: 'b-matrix-role', session: '', am1Session: '' };
const ADMIN = '/api/platform/admin';

/**
 * The platform in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts): releases and
 * the registry (union-wide by design), administration (each bank its own), the audit trail and the
 * caller's own account.
 */
export const matrix: ScopeMatrixPlugin = {
  mappings: {
    'GET /api/platform/me': { kind: 'global' },
    'GET /api/platform/audit': { kind: 'audit' },
    'GET /api/platform/audit/verify': { kind: 'global' },
    'GET /api/platform/registry': { kind: 'union', input: {} },
    'POST /api/platform/releases': {
      kind: 'release',
      input: release('mf-customer', '9.9.9'),
      bankLevel: 403,
    },
    'GET /api/platform/rollout': { kind: 'union', input: {} },
    // the demo's bank release managers are bank-a's: a rule for bank-b is another bank's
    'POST /api/platform/rollout/rules': {
      kind: 'release',
      input: { app: 'mf-customer', version: '9.9.9', kind: 'bank', target: 'bank-b' },
      bankLevel: 404,
    },
    'POST /api/platform/rollout/rules/:id/approve': { kind: 'union', input: { id: 'no-such-rule' } },
    'POST /api/platform/rollout/rules/:id/pause': { kind: 'union', input: { id: 'no-such-rule' } },
    'POST /api/platform/rollout/rules/:id/resume': { kind: 'union', input: { id: 'no-such-rule' } },
    'POST /api/platform/rollout/apps/:app/promote': {
      kind: 'release',
      input: { app: 'mf-customer', version: '9.9.9' },
      bankLevel: 403,
    },
    'POST /api/platform/rollout/apps/:app/rollback': {
      kind: 'release',
      input: { app: 'mf-customer' },
      bankLevel: 403,
    },
    'POST /api/platform/dev-overrides': {
      kind: 'union',
      input: { app: 'mf-credit', manifestUrl: 'http://localhost:3001/mf-manifest.json' },
    },
    'GET /api/platform/services': { kind: 'union', input: {} },

    [`GET ${ADMIN}/orgs`]: { kind: 'tenantList', probes: [{ bankId: 'bank-b' }, { bankId: 'bank-a' }] },
    [`POST ${ADMIN}/orgs`]: {
      kind: 'tenantWrite',
      foreign: () => ({ parentId: 'b-hq', name: '矩阵支行', kind: 'branch' }),
    },
    [`PATCH ${ADMIN}/orgs/:id`]: {
      kind: 'tenantWrite',
      foreign: () => ({ id: 'b-br1', name: '矩阵' }),
      own: () => ({ id: 'a-br2', name: '河西支行' }),
    },
    [`DELETE ${ADMIN}/orgs/:id`]: { kind: 'tenantWrite', foreign: () => ({ id: 'b-br1' }) },
    [`GET ${ADMIN}/banks`]: { kind: 'union', input: {} },
    [`POST ${ADMIN}/banks`]: { kind: 'union', input: { code: 'M001', name: '矩阵银行', hqName: '矩阵总行' } },
    [`PATCH ${ADMIN}/banks/:id`]: { kind: 'union', input: { id: 'no-such-bank', name: 'x' } },
    [`GET ${ADMIN}/posts`]: { kind: 'global' },
    [`GET ${ADMIN}/menus`]: { kind: 'global' },
    [`POST ${ADMIN}/menus`]: {
      kind: 'union',
      input: { parentId: 'no-such-menu', kind: 'directory', title: { 'zh-CN': '矩阵', 'en-US': 'M' } },
    },
    [`PATCH ${ADMIN}/menus/:id`]: { kind: 'union', input: { id: 'no-such-menu', hidden: true } },
    [`POST ${ADMIN}/menus/reorder`]: { kind: 'union', input: { parentId: 'no-such-menu', ids: ['x'] } },
    [`DELETE ${ADMIN}/menus/:id`]: { kind: 'union', input: { id: 'no-such-menu' } },
    [`GET ${ADMIN}/roles`]: { kind: 'tenantList', probes: [] },
    [`POST ${ADMIN}/roles`]: {
      kind: 'tenantWrite',
      foreign: () => ({ bankId: 'bank-b', code: 'matrix_role', name: '矩阵', dataScope: 'self' }),
    },
    [`PATCH ${ADMIN}/roles/:id`]: {
      kind: 'tenantWrite',
      foreign: () => ({ id: other.role, name: '矩阵' }),
      own: () => ({ id: 'a_inspector', name: '稽核岗（城关）' }),
    },
    [`DELETE ${ADMIN}/roles/:id`]: { kind: 'tenantWrite', foreign: () => ({ id: other.role }) },
    [`GET ${ADMIN}/users`]: {
      kind: 'tenantList',
      probes: [{ bankId: 'bank-b' }, { q: 'bam1' }, { orgId: 'b-br1' }],
    },
    [`POST ${ADMIN}/users`]: {
      kind: 'tenantWrite',
      foreign: () => ({
        username: 'matrixu',
        displayName: '矩阵',
        orgId: 'b-br1',
        password: 'Matrix-Passw0rd',
      }),
    },
    [`PATCH ${ADMIN}/users/:id`]: {
      kind: 'tenantWrite',
      foreign: () => ({ id: 'u-bam1', displayName: '矩阵' }),
      own: () => ({ id: 'u-am2', displayName: '刘洋' }),
    },
    [`POST ${ADMIN}/users/:id/disable`]: { kind: 'tenantWrite', foreign: () => ({ id: 'u-bam1' }) },
    [`POST ${ADMIN}/users/:id/enable`]: { kind: 'tenantWrite', foreign: () => ({ id: 'u-bam1' }) },
    [`POST ${ADMIN}/users/:id/unlock`]: {
      kind: 'tenantWrite',
      foreign: () => ({ id: 'u-bam1' }),
      own: () => ({ id: 'u-am2' }),
    },
    [`POST ${ADMIN}/users/:id/reset-password`]: {
      kind: 'tenantWrite',
      foreign: () => ({ id: 'u-bam1', password: 'Matrix-Passw0rd' }),
    },
    [`POST ${ADMIN}/users/:id/reset-mfa`]: { kind: 'tenantWrite', foreign: () => ({ id: 'u-bam1' }) },
    [`GET ${ADMIN}/sessions`]: { kind: 'tenantList', probes: [{ userId: 'u-bam1' }] },
    [`POST ${ADMIN}/sessions/:id/end`]: { kind: 'tenantWrite', foreign: () => ({ id: other.session }) },
    'POST /api/platform/audit/export': { kind: 'auditExport' },
    'GET /api/platform/me/sessions': { kind: 'global' },
    // someone else's session: am1's (same bank) for everyone but am1, who aims at bam1's
    'POST /api/platform/me/sessions/:id/end': {
      kind: 'self',
      foreign: (caller) => ({ id: caller === 'am1' ? other.session : other.am1Session }),
    },
    'POST /api/platform/me/password': { kind: 'self' },
    'GET /api/platform/me/mfa': { kind: 'global' },
    'POST /api/platform/me/mfa/setup': { kind: 'self' },
    'POST /api/platform/me/mfa/confirm': { kind: 'self' },
    'POST /api/platform/me/mfa/recovery-codes': { kind: 'self' },
  },
  async setup(ctx) {
    // another bank's role and session, for the admin rows
    await ctx.query(
      'platform',
      "INSERT INTO role (id, bank_id, code, name, data_scope) VALUES (?, 'bank-b', 'b_matrix', '矩阵', 'self')",
      [other.role],
    );
    const live = async (user: string) =>
      (
        (await ctx.query(
          'platform',
          'SELECT id FROM user_session WHERE user_id = ? AND ended_at IS NULL LIMIT 1',
          [user],
        )) as { id: string }[]
      )[0]?.id ?? '';
    other.session = await live('u-bam1');
    other.am1Session = await live('u-am1');
    if (!other.session) throw new Error('no live session of bam1');
  },
};
