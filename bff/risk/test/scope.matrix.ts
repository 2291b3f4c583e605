import { randomUUID } from 'node:crypto';
import type { ScopeMatrixPlugin } from '@zhanye/kit/testing';

/** One rule per bank with a known id, aimed at from the other bank (404, nothing changes). */
const RULE = {
  'bank-a': '00000000-0000-4000-8000-0000000a0001',
  'bank-b': '00000000-0000-4000-8000-0000000b0001',
};
const BANK_B_USERS = new Set(['bam1', 'bapprover1', 'badmin']);
const ruleBody = (n: number) => ({
  kind: 'court',
  title: `矩阵规则${n}`,
  threshold: 0,
  severity: 'high',
  depth: 1,
  floor: '0.5000',
  weights: { guarantor: '0.9000', family: '0.5000', employer: '0.5000', address: '0.0000', phone: '0.0000' },
  enabled: false,
});

/**
 * The risk console in the product's scope matrix (bff/gateway/test/scope-matrix.test.ts). Its
 * decision runs are made by credit's fixtures (each submission is pre-screened); its warnings are
 * written here for each demo user's own customer (a signal needs the relation read model, which
 * no endpoint fills).
 */
export const matrix: ScopeMatrixPlugin = {
  after: ['customer'],
  mappings: {
    'GET /api/risk/decisions': {
      kind: 'list',
      items: ['decision'],
      probes: (fx) =>
        fx.filter((f) => f.kind === 'application').map((f) => ({ subjectRef: `credit-application:${f.id}` })),
    },
    'GET /api/risk/decisions/:id': { kind: 'read', targets: ['decision'] },
    'GET /api/risk/graphs': { kind: 'global' },
    'GET /api/risk/warnings': {
      kind: 'list',
      items: ['warning'],
      probes: () => [{ status: 'new', kind: 'court' }],
    },
    'GET /api/risk/warnings/:id': { kind: 'read', targets: ['warning'] },
    'POST /api/risk/warnings/:id/acknowledge': {
      kind: 'transition',
      targets: ['warning'],
      body: { version: 0 },
    },
    'POST /api/risk/warnings/:id/handle': {
      kind: 'transition',
      targets: ['warning'],
      body: { version: 1, note: '矩阵检查' },
    },
    'POST /api/risk/warnings/:id/close': { kind: 'transition', targets: ['warning'], body: { version: 2 } },
    'GET /api/risk/warning-rules': { kind: 'global' },
    'POST /api/risk/warning-rules': { kind: 'create', ref: null, body: (_c, n) => ruleBody(n) },
    'PUT /api/risk/warning-rules/:id': {
      kind: 'tenantWrite',
      foreign: (caller?: string) => ({
        ...ruleBody(0),
        id: BANK_B_USERS.has(caller ?? '') ? RULE['bank-a'] : RULE['bank-b'],
        version: 0,
      }),
    },
    'DELETE /api/risk/warning-rules/:id': {
      kind: 'tenantWrite',
      foreign: (caller?: string) => ({
        id: BANK_B_USERS.has(caller ?? '') ? RULE['bank-a'] : RULE['bank-b'],
      }),
    },
  },
  async fixtures(ctx, who) {
    const customer = ctx.own(who, 'customer');
    if (!customer) return;
    const u = ctx.session(who).user;
    const id = randomUUID();
    await ctx.query(
      'risk',
      `INSERT INTO risk_warning (id, bank_id, org_id, org_path, owner_id, signal_id, rule_id, rule_title, rule_depth,
         kind, severity, customer_ref, customer_name, hit_ref, hit_name, depth, score_bp, path, manager_name, status,
         version, note, open_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, '涉诉或被执行', 2, 'court', 'high', ?, ?, ?, ?, 0, 10000, '[]', ?, 'new', 0, NULL,
         NULL, UTC_TIMESTAMP(3))`,
      [
        id,
        u.bankId,
        u.orgId,
        u.orgPath,
        u.userId,
        randomUUID(),
        randomUUID(),
        customer.id,
        customer.name,
        customer.id,
        customer.name,
        u.displayName,
      ],
    );
    ctx.add(who, 'warning', id, customer.name);
  },
  async setup(ctx) {
    // the demo seed's warnings are not the matrix's: each warning is a record every user reads,
    // and one per demo user's own customer (above) covers the scopes (CI's time budget)
    await ctx.query(
      'risk',
      "DELETE FROM risk_warning WHERE signal_id IN (SELECT id FROM risk_signal WHERE source_id LIKE 'demo:%')",
    );
    for (const [bank, id] of Object.entries(RULE)) {
      await ctx.query(
        'risk',
        `INSERT INTO warning_rule (id, bank_id, kind, title, threshold, severity, depth, floor_bp, weights, enabled,
           version, created_by, updated_by, updated_at)
         VALUES (?, ?, 'court', '矩阵规则', 0, 'high', 1, 5000, '{}', 0, 0, 'matrix', 'matrix', UTC_TIMESTAMP(3))`,
        [id, bank],
      );
    }
  },
};
