import { createHash, randomUUID } from 'node:crypto';
import {
  commandsFrom,
  Permissions as P,
  type Principal,
  type RelationKind,
  RelationKinds,
  type RelationParty,
  type Severity,
  SIGNAL_MEASURE,
  type Signal,
  type SignalKind,
  type WarningCommand,
  type WarningDetail,
  type WarningRule,
  type WarningRuleInput,
  type WarningStatus,
  type WarningSummary,
  warningMachine,
  warningRaised,
} from '@zhanye/contracts';
import {
  type Actor,
  appendEvent,
  ConflictError,
  NotFoundError,
  scopedQuery,
  systemActor,
  type TodoSpec,
  Workflow,
} from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { BP, fromBp, type PathStepBp, propagate, type RelationEdge, toBp } from './propagate.ts';
import { DEFAULT_RULES } from './rules.defaults.ts';
import { WarningEntity, type WarningRow } from './warning.entity.ts';

type Db = DataSource | EntityManager;

interface RuleRow {
  id: string;
  bank_id: string;
  kind: string;
  title: string;
  threshold: string | number;
  severity: string;
  depth: number;
  floor_bp: number;
  weights: string;
  enabled: number;
  version: number;
  created_by: string;
  updated_by: string;
  updated_at: Date;
}

interface PartyRow {
  customer_ref: string;
  name: string;
  manager_id: string;
  manager_name: string;
  org_id: string;
  org_path: string;
}

const LOWER: Record<Severity, Severity> = { high: 'medium', medium: 'low', low: 'low' };

/** The most nodes the detail page's graph shows. */
const GRAPH_LIMIT = 60;

const toRule = (r: RuleRow): WarningRule => {
  const w = JSON.parse(r.weights) as Record<string, number>;
  return {
    id: r.id,
    kind: r.kind as SignalKind,
    title: r.title,
    threshold: Number(r.threshold),
    severity: r.severity as Severity,
    depth: r.depth,
    floor: fromBp(r.floor_bp),
    weights: Object.fromEntries(RelationKinds.map((k) => [k, fromBp(w[k] ?? 0)])) as WarningRule['weights'],
    enabled: !!r.enabled,
    version: r.version,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
};

const weightsBp = (w: WarningRuleInput['weights']) =>
  Object.fromEntries(RelationKinds.map((k) => [k, toBp(w[k])])) as Record<RelationKind, number>;

const toPathOut = (path: PathStepBp[]) =>
  path.map((s) => ({ ...s, weight: fromBp(s.weightBp), weightBp: undefined }));

export const toSummary = (w: WarningRow): WarningSummary => ({
  id: w.id,
  kind: w.kind as SignalKind,
  severity: w.severity as Severity,
  status: w.status as WarningStatus,
  customerRef: w.customerRef,
  customerName: w.customerName,
  hitRef: w.hitRef,
  hitName: w.hitName,
  depth: w.depth,
  score: fromBp(w.scoreBp),
  managerId: w.ownerId,
  managerName: w.managerName,
  ruleTitle: w.ruleTitle,
  version: w.version,
  createdAt: new Date(w.createdAt).toISOString(),
});

/** The system acting for a bank (a signal from a feed or an event raises warnings by itself). */
export const riskSystem = (bankId: string): Principal => ({
  userId: 'system:risk-warnings',
  username: 'system',
  displayName: '风险预警',
  bankId,
  bankName: '',
  orgId: '',
  orgPath: `/${bankId}/`,
  orgName: '',
  roles: [],
  permissions: [],
  dataScope: 'bank',
});

/** A new warning, as the service tells whoever publishes it live (the push channel). */
export interface RaisedWarning {
  bankId: string;
  managerId: string;
  summary: WarningSummary;
}

/**
 * Risk warnings (风险预警): the relation read model, the bank's rules, signals in, warnings raised
 * along relations, and their life cycle on the declared machine (`warningMachine`).
 */
export class WarningService {
  readonly workflow = new Workflow(warningMachine, {
    domain: 'risk',
    aggregate: 'warning',
    table: 'risk_warning',
  });
  /** Called after a transaction that raised warnings committed (live push). */
  onRaised: (raised: RaisedWarning[]) => void = () => {};

  constructor(private readonly ds: DataSource) {}

  // ---- relations (read model) -------------------------------------------------------------

  async upsertParty(m: Db, bankId: string, p: RelationParty) {
    await m.query(
      `INSERT INTO rm_relation_party (bank_id, customer_ref, name, manager_id, manager_name, org_id, org_path, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))
       ON DUPLICATE KEY UPDATE name = VALUES(name), manager_id = VALUES(manager_id),
         manager_name = VALUES(manager_name), org_id = VALUES(org_id), org_path = VALUES(org_path),
         updated_at = VALUES(updated_at)`,
      [bankId, p.customerRef, p.name, p.managerId, p.managerName, p.orgId, p.orgPath],
    );
  }

  /** `evt.customer.relation.changed` (and the demo seed): set or remove one relation. */
  async relationChanged(
    m: Db,
    bankId: string,
    r: { from: RelationParty; to: RelationParty; kind: RelationKind; weight: string; removed: boolean },
  ) {
    await this.upsertParty(m, bankId, r.from);
    await this.upsertParty(m, bankId, r.to);
    if (r.removed) {
      await m.query(
        'DELETE FROM rm_relation WHERE bank_id = ? AND from_ref = ? AND to_ref = ? AND kind = ?',
        [bankId, r.from.customerRef, r.to.customerRef, r.kind],
      );
      return;
    }
    await m.query(
      `INSERT INTO rm_relation (bank_id, from_ref, to_ref, kind, weight, updated_at)
       VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))
       ON DUPLICATE KEY UPDATE weight = VALUES(weight), updated_at = VALUES(updated_at)`,
      [bankId, r.from.customerRef, r.to.customerRef, r.kind, r.weight],
    );
  }

  /** The relations within `depth` steps of `start` (walked both ways), at most `limit` customers. */
  async neighbourhood(m: Db, bankId: string, start: string, depth: number, limit = 2000) {
    const seen = new Set([start]);
    const edges = new Map<string, RelationEdge>();
    let frontier = [start];
    for (let d = 0; d < depth && frontier.length && seen.size < limit; d++) {
      const marks = frontier.map(() => '?').join(', ');
      const rows: { from_ref: string; to_ref: string; kind: RelationKind; weight: string }[] = await m.query(
        `SELECT from_ref, to_ref, kind, weight FROM rm_relation
          WHERE bank_id = ? AND (from_ref IN (${marks}) OR to_ref IN (${marks}))
          ORDER BY from_ref, to_ref, kind`,
        [bankId, ...frontier, ...frontier],
      );
      const next: string[] = [];
      for (const r of rows) {
        edges.set(`${r.from_ref}\u0000${r.to_ref}\u0000${r.kind}`, {
          from: r.from_ref,
          to: r.to_ref,
          kind: r.kind,
          weightBp: toBp(String(r.weight)),
        });
        for (const ref of [r.from_ref, r.to_ref]) {
          if (!seen.has(ref) && seen.size < limit) {
            seen.add(ref);
            next.push(ref);
          }
        }
      }
      frontier = next;
    }
    return { refs: [...seen], edges: [...edges.values()].filter((e) => seen.has(e.from) && seen.has(e.to)) };
  }

  private async parties(m: Db, bankId: string, refs: string[]): Promise<Map<string, PartyRow>> {
    if (!refs.length) return new Map();
    const rows: PartyRow[] = await m.query(
      `SELECT customer_ref, name, manager_id, manager_name, org_id, org_path FROM rm_relation_party
        WHERE bank_id = ? AND customer_ref IN (${refs.map(() => '?').join(', ')})`,
      [bankId, ...refs],
    );
    return new Map(rows.map((r) => [r.customer_ref, r]));
  }

  // ---- rules --------------------------------------------------------------------------------

  /** A bank's rules; its first use copies the standard set (once: a bank may delete them all). */
  async rules(m: Db, bankId: string): Promise<WarningRule[]> {
    const seeded: { affectedRows?: number } = await m.query(
      'INSERT IGNORE INTO warning_rule_set (bank_id, seeded_at) VALUES (?, UTC_TIMESTAMP(3))',
      [bankId],
    );
    if (seeded.affectedRows === 1) {
      for (const r of DEFAULT_RULES) await this.insertRule(m, bankId, r, 'system');
    }
    const rows: RuleRow[] = await m.query(
      'SELECT * FROM warning_rule WHERE bank_id = ? ORDER BY kind, threshold, id',
      [bankId],
    );
    return rows.map(toRule);
  }

  private async insertRule(m: Db, bankId: string, r: WarningRuleInput, by: string): Promise<string> {
    const id = randomUUID();
    await m.query(
      `INSERT INTO warning_rule (id, bank_id, kind, title, threshold, severity, depth, floor_bp, weights, enabled,
         version, created_by, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, UTC_TIMESTAMP(3))`,
      [
        id,
        bankId,
        r.kind,
        r.title,
        r.threshold,
        r.severity,
        r.depth,
        toBp(r.floor),
        JSON.stringify(weightsBp(r.weights)),
        r.enabled ? 1 : 0,
        by,
        by,
      ],
    );
    return id;
  }

  private async ruleById(m: Db, bankId: string, id: string): Promise<WarningRule> {
    const [row]: RuleRow[] = await m.query('SELECT * FROM warning_rule WHERE bank_id = ? AND id = ?', [
      bankId,
      id,
    ]);
    if (!row) throw new NotFoundError('warning rule not found');
    return toRule(row);
  }

  listRules(caller: Principal) {
    // union staff read a bank's rules as they are (nothing is copied for them)
    if (caller.dataScope === 'all')
      return this.ds
        .query('SELECT * FROM warning_rule WHERE bank_id = ? ORDER BY kind, threshold, id', [caller.bankId])
        .then((rows: RuleRow[]) => ({ items: rows.map(toRule) }));
    return this.ds.transaction(async (m) => ({ items: await this.rules(m, caller.bankId) }));
  }

  createRule(caller: Principal, input: WarningRuleInput) {
    return this.ds.transaction(async (m) => {
      await this.rules(m, caller.bankId);
      const id = await this.insertRule(m, caller.bankId, input, caller.userId);
      return this.ruleById(m, caller.bankId, id);
    });
  }

  updateRule(caller: Principal, id: string, version: number, r: WarningRuleInput) {
    return this.ds.transaction(async (m) => {
      const before = await this.ruleById(m, caller.bankId, id);
      const res: { affectedRows?: number } = await m.query(
        `UPDATE warning_rule SET kind = ?, title = ?, threshold = ?, severity = ?, depth = ?, floor_bp = ?, weights = ?,
           enabled = ?, version = version + 1, updated_by = ?, updated_at = UTC_TIMESTAMP(3)
         WHERE bank_id = ? AND id = ? AND version = ?`,
        [
          r.kind,
          r.title,
          r.threshold,
          r.severity,
          r.depth,
          toBp(r.floor),
          JSON.stringify(weightsBp(r.weights)),
          r.enabled ? 1 : 0,
          caller.userId,
          caller.bankId,
          id,
          version,
        ],
      );
      if (res.affectedRows !== 1)
        throw new ConflictError('the rule was changed by someone else; reload it', 'CONCURRENT_UPDATE');
      return { before, after: await this.ruleById(m, caller.bankId, id) };
    });
  }

  deleteRule(caller: Principal, id: string) {
    return this.ds.transaction(async (m) => {
      const before = await this.ruleById(m, caller.bankId, id);
      await m.query('DELETE FROM warning_rule WHERE bank_id = ? AND id = ?', [caller.bankId, id]);
      return before;
    });
  }

  // ---- signals -> warnings ------------------------------------------------------------------

  /**
   * Takes one signal: recorded once per (bank, source id); the bank's enabled rule of its kind with
   * the highest threshold the signal's measure reaches decides; the hit customer and every related
   * customer the propagation reaches get one warning each (none when one raised by the same rule
   * is still open for them), each opening a to-do for the customer's manager.
   */
  async signal(
    bankId: string,
    s: Omit<Signal, 'bankId'>,
  ): Promise<{ signalId: string; fresh: boolean; warningIds: string[] }> {
    const raised: RaisedWarning[] = [];
    const out = await this.ds.transaction(async (m) => {
      const signalId = randomUUID();
      const ins: { affectedRows?: number } = await m.query(
        `INSERT IGNORE INTO risk_signal (id, bank_id, source_id, customer_ref, kind, severity, facts, at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
        [
          signalId,
          bankId,
          s.sourceId,
          s.customerRef,
          s.kind,
          s.severity,
          JSON.stringify(s.facts),
          new Date(s.at),
        ],
      );
      if (ins.affectedRows !== 1) {
        const [prev]: { id: string }[] = await m.query(
          'SELECT id FROM risk_signal WHERE bank_id = ? AND source_id = ?',
          [bankId, s.sourceId],
        );
        const ids: { id: string }[] = await m.query(
          'SELECT id FROM risk_warning WHERE signal_id = ? ORDER BY depth, id',
          [prev?.id ?? ''],
        );
        return { signalId: prev?.id ?? '', fresh: false, warningIds: ids.map((r) => r.id) };
      }
      const measure = s.facts[SIGNAL_MEASURE[s.kind]];
      const value = typeof measure === 'number' ? measure : Number.NaN;
      const rule = (await this.rules(m, bankId))
        .filter((r) => r.enabled && r.kind === s.kind && value >= r.threshold)
        .sort((a, b) => b.threshold - a.threshold || (a.id < b.id ? -1 : 1))[0];
      if (!rule) return { signalId, fresh: true, warningIds: [] };
      await m.query('UPDATE risk_signal SET rule_id = ? WHERE id = ?', [rule.id, signalId]);
      const { edges } = await this.neighbourhood(m, bankId, s.customerRef, rule.depth);
      const reached = propagate(edges, s.customerRef, {
        depth: rule.depth,
        floorBp: toBp(rule.floor),
        weightsBp: weightsBp(rule.weights),
      });
      const targets = [{ ref: s.customerRef, depth: 0, scoreBp: BP, path: [] as PathStepBp[] }, ...reached];
      const parties = await this.parties(
        m,
        bankId,
        targets.map((t) => t.ref),
      );
      const hit = parties.get(s.customerRef);
      const warningIds: string[] = [];
      for (const t of targets) {
        const openKey = createHash('sha256')
          .update(`${t.ref}\u0000${rule.id}\u0000${s.customerRef}`)
          .digest('hex');
        const party = parties.get(t.ref);
        const severity: Severity =
          t.depth === 0 || t.scoreBp >= BP / 2 ? rule.severity : LOWER[rule.severity];
        const row: WarningRow = {
          id: randomUUID(),
          bankId,
          orgId: party?.org_id ?? '',
          orgPath: party?.org_path ?? `/${bankId}/`,
          ownerId: party?.manager_id ?? '',
          signalId,
          ruleId: rule.id,
          ruleTitle: rule.title,
          ruleDepth: rule.depth,
          kind: s.kind,
          severity,
          customerRef: t.ref,
          customerName: party?.name ?? '',
          hitRef: s.customerRef,
          hitName: hit?.name ?? '',
          depth: t.depth,
          scoreBp: t.scoreBp,
          path: JSON.stringify(t.path),
          managerName: party?.manager_name ?? '',
          status: 'new',
          version: 0,
          note: null,
          openKey,
          createdAt: new Date(),
        };
        // one open warning per (customer, rule, hit customer): a second signal, even at the same
        // moment, waits on the first one's key and then adds nothing
        const ins = await m
          .createQueryBuilder()
          .insert()
          .into(WarningEntity)
          .values(row)
          .orIgnore()
          .execute();
        if ((ins.raw as { affectedRows?: number }).affectedRows !== 1) continue;
        await this.workflow.start({
          m,
          row: { ...row, status: 'new' },
          actor: systemActor(riskSystem(bankId)),
          command: 'raise',
          snapshot: {
            signal: s,
            rule: rule.id,
            depth: t.depth,
            score: fromBp(t.scoreBp),
            path: toPathOut(t.path),
          },
          todos: this.todosFor(row, 'new'),
        });
        await appendEvent(m, warningRaised, bankId, {
          warningId: row.id,
          customerRef: row.customerRef,
          hitRef: row.hitRef,
          kind: s.kind,
          severity,
          depth: row.depth,
          score: fromBp(row.scoreBp),
          managerId: row.ownerId,
        });
        warningIds.push(row.id);
        raised.push({ bankId, managerId: row.ownerId, summary: toSummary(row) });
      }
      return { signalId, fresh: true, warningIds };
    });
    if (raised.length) this.onRaised(raised);
    return out;
  }

  /** The to-do a state waits on: the customer's manager acknowledges, then handles. */
  private todosFor(row: WarningRow, state: WarningStatus): TodoSpec[] {
    if (!row.ownerId || (state !== 'new' && state !== 'acknowledged')) return [];
    return [
      {
        kind: state === 'new' ? 'warning.acknowledge' : 'warning.handle',
        titleKey: state === 'new' ? 'risk.todo.warningAcknowledge' : 'risk.todo.warningHandle',
        params: { customerName: row.customerName, severity: row.severity, kind: row.kind },
        assignee: { userId: row.ownerId },
        link: { app: 'mf-risk-console', path: `/risk/warnings/${row.id}` },
      },
    ];
  }

  // ---- reads ----------------------------------------------------------------------------------

  async list(
    caller: Principal,
    f: {
      status?: string | undefined;
      severity?: string | undefined;
      kind?: string | undefined;
      direct?: string | undefined;
    },
    page: number,
    pageSize: number,
  ) {
    const qb = scopedQuery(this.ds, WarningEntity, 'w', caller);
    if (f.status) qb.andWhere('w.status = :status', { status: f.status });
    if (f.severity) qb.andWhere('w.severity = :severity', { severity: f.severity });
    if (f.kind) qb.andWhere('w.kind = :kind', { kind: f.kind });
    if (f.direct === 'true') qb.andWhere('w.depth = 0');
    if (f.direct === 'false') qb.andWhere('w.depth > 0');
    const [rows, total] = await qb
      .orderBy('w.created_at', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toSummary), total, page, pageSize };
  }

  private async findInScope(m: Db, caller: Principal, id: string, mode: 'read' | 'write' = 'read') {
    const qb = scopedQuery(m, WarningEntity, 'w', caller, mode).andWhere('w.id = :id', { id });
    if (mode === 'write') qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw new NotFoundError('warning not found');
    return row;
  }

  /** The life-cycle commands the caller may issue on a warning now. */
  commandsFor(caller: Principal, status: WarningStatus): WarningCommand[] {
    if (caller.dataScope === 'all') return [];
    return commandsFrom(warningMachine, status).filter((c) =>
      caller.permissions.includes(c === 'close' ? P.warningClose : P.warningHandle),
    ) as WarningCommand[];
  }

  async get(caller: Principal, id: string): Promise<WarningDetail> {
    const w = await this.findInScope(this.ds, caller, id);
    const [sig]: { facts: string; at: Date }[] = await this.ds.query(
      'SELECT facts, at FROM risk_signal WHERE id = ?',
      [w.signalId],
    );
    const path = JSON.parse(w.path) as PathStepBp[];
    const { refs, edges } = await this.neighbourhood(
      this.ds,
      w.bankId,
      w.hitRef,
      Math.max(w.ruleDepth, 1),
      GRAPH_LIMIT,
    );
    const all = [...new Set([...refs, w.customerRef, ...path.map((s) => s.to)])];
    const names = await this.parties(this.ds, w.bankId, all);
    const onPath = new Set(path.map((s) => [s.from, s.to].sort().join('\u0000') + s.kind));
    const pathRefs = new Set(path.flatMap((s) => [s.from, s.to]));
    return {
      ...toSummary(w),
      facts: sig ? JSON.parse(sig.facts) : {},
      signalAt: sig ? new Date(sig.at).toISOString() : new Date(w.createdAt).toISOString(),
      note: w.note,
      path: toPathOut(path).map(({ from, to, kind, weight }) => ({ from, to, kind, weight })),
      graph: {
        nodes: all.map((ref) => ({
          ref,
          name: names.get(ref)?.name ?? '',
          role:
            ref === w.hitRef
              ? 'hit'
              : ref === w.customerRef
                ? 'warned'
                : pathRefs.has(ref)
                  ? 'path'
                  : 'other',
        })),
        edges: edges.map((e) => ({
          from: e.from,
          to: e.to,
          kind: e.kind,
          weight: fromBp(e.weightBp),
          onPath: onPath.has([e.from, e.to].sort().join('\u0000') + e.kind),
        })),
      },
      commands: this.commandsFor(caller, w.status as WarningStatus),
      steps: await this.workflow.steps(this.ds, w.id),
    };
  }

  // ---- life cycle -----------------------------------------------------------------------------

  act(actor: Actor, id: string, command: WarningCommand, version: number, note?: string) {
    return this.ds.transaction(async (m) => {
      const row = await this.findInScope(m, actor.caller, id, 'write');
      if (row.version !== version) {
        throw new ConflictError('the warning was changed by someone else; reload it', 'CONCURRENT_UPDATE');
      }
      const { to } = await this.workflow.transition({
        m,
        row: { ...row, status: row.status as WarningStatus },
        command,
        actor,
        comment: note ?? null,
        patch: { ...(note ? { note } : {}), ...(command === 'close' ? { open_key: null } : {}) },
        snapshot: toSummary(row),
        todos: this.todosFor(row, this.workflow.target(row.status as WarningStatus, command)),
      });
      const after = { ...row, status: to, version: row.version + 1, note: note ?? row.note };
      return { before: toSummary(row), after: toSummary(after) };
    });
  }
}
