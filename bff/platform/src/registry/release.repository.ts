import type { Release, ReleaseInput, RolloutRule } from '@zhanye/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/** A data source or the manager of an open transaction. */
export type Db = Pick<DataSource | EntityManager, 'query'>;

export type RuleKind = RolloutRule['kind'];
export type RuleState = RolloutRule['state'];

export interface ReleaseRow {
  app: string;
  version: string;
  scope: string | null;
  manifest_url: string | null;
  route: string | null;
  contract_version: string | null;
  shared: unknown;
  provides: unknown;
  commit_sha: string | null;
  built_at: Date | null;
  /** NULL: registered before releases carried metadata. */
  integrity: unknown;
  registered_by: string;
  created_at: Date;
}

export interface RuleRow {
  id: string | number;
  app: string;
  version: string;
  kind: RuleKind;
  target: string | null;
  percent: number | null;
  state: RuleState;
  supersedes: number;
  requested_by: string;
  approved_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface EventRow {
  id: string | number;
  app: string;
  action: string;
  version: string | null;
  detail: unknown;
  actor: string;
  at: Date;
}

/** MySQL returns JSON columns parsed, MariaDB (JSON = LONGTEXT) as text. */
export function jsonOf<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'string') return JSON.parse(v) as T;
  return v as T;
}

const iso = (d: Date) => d.toISOString();

export function toRelease(r: ReleaseRow): Release {
  return {
    app: r.app,
    version: r.version,
    scope: r.scope ?? undefined,
    route: r.route ?? undefined,
    manifestUrl: r.manifest_url ?? undefined,
    contractVersion: r.contract_version ?? '0.0.0',
    shared: jsonOf(r.shared, {}),
    provides: jsonOf(r.provides, {}),
    commit: r.commit_sha ?? 'unknown',
    builtAt: iso(r.built_at ?? r.created_at),
    integrity: jsonOf(r.integrity, {}),
    registeredBy: r.registered_by,
    createdAt: iso(r.created_at),
  };
}

export function toRule(r: RuleRow): RolloutRule {
  return {
    id: String(r.id),
    app: r.app,
    version: r.version,
    kind: r.kind,
    target: r.target,
    percent: r.percent === null ? null : Number(r.percent),
    state: r.state,
    requestedBy: r.requested_by,
    approvedBy: r.approved_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function toEvent(e: EventRow) {
  return {
    id: String(e.id),
    app: e.app,
    action: e.action,
    version: e.version,
    detail: jsonOf<Record<string, unknown>>(e.detail, {}),
    actor: e.actor,
    at: iso(e.at),
  };
}

/** Queries only, with bound parameters; the rules are in `release.service.ts`. */
export class ReleaseRepository {
  constructor(readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async release(db: Db, app: string, version: string, lock = false): Promise<ReleaseRow | undefined> {
    const rows: ReleaseRow[] = await db.query(
      `SELECT * FROM app_release WHERE app = ? AND version = ?${lock ? ' FOR UPDATE' : ''}`,
      [app, version],
    );
    return rows[0];
  }

  /** Locks the app's releases: every rule change of one app runs one at a time. */
  async lockApp(db: Db, app: string): Promise<void> {
    await db.query('SELECT version FROM app_release WHERE app = ? FOR UPDATE', [app]);
  }

  async insertRelease(db: Db, r: ReleaseInput, by: string): Promise<void> {
    await db.query(
      `INSERT INTO app_release (app, version, scope, manifest_url, route, active, registered_by, created_at,
         contract_version, shared, provides, commit_sha, built_at, integrity)
       VALUES (?, ?, ?, ?, ?, 0, ?, UTC_TIMESTAMP(3), ?, ?, ?, ?, ?, ?)`,
      [
        r.app,
        r.version,
        r.scope ?? null,
        r.manifestUrl ?? null,
        r.route ?? null,
        by,
        r.contractVersion,
        JSON.stringify(r.shared),
        JSON.stringify(r.provides),
        r.commit,
        new Date(r.builtAt),
        JSON.stringify(r.integrity),
      ],
    );
  }

  /** Fills in the metadata of a row registered before releases carried it. */
  async completeLegacy(db: Db, r: ReleaseInput): Promise<void> {
    await db.query(
      `UPDATE app_release SET scope = ?, manifest_url = ?, route = ?, contract_version = ?, shared = ?,
              provides = ?, commit_sha = ?, built_at = ?, integrity = ?
        WHERE app = ? AND version = ? AND integrity IS NULL`,
      [
        r.scope ?? null,
        r.manifestUrl ?? null,
        r.route ?? null,
        r.contractVersion,
        JSON.stringify(r.shared),
        JSON.stringify(r.provides),
        r.commit,
        new Date(r.builtAt),
        JSON.stringify(r.integrity),
        r.app,
        r.version,
      ],
    );
  }

  releases(db: Db, app?: string): Promise<ReleaseRow[]> {
    return app
      ? db.query('SELECT * FROM app_release WHERE app = ? ORDER BY created_at DESC, version DESC', [app])
      : db.query('SELECT * FROM app_release ORDER BY app, created_at DESC, version DESC');
  }

  async rule(db: Db, id: string, lock = false): Promise<RuleRow | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const rows: RuleRow[] = await db.query(
      `SELECT * FROM rollout_rule WHERE id = ?${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  /** The app's rules that are active or paused (not pending, not retired), newest first. */
  liveRules(db: Db, app: string): Promise<RuleRow[]> {
    return db.query(
      `SELECT * FROM rollout_rule WHERE app = ? AND state IN ('active', 'paused') ORDER BY id DESC`,
      [app],
    );
  }

  /** The release of the app's active default rule (the shell's is the host profile). */
  async currentDefault(db: Db, app: string): Promise<ReleaseRow | undefined> {
    const rows: ReleaseRow[] = await db.query(
      `SELECT a.* FROM rollout_rule r JOIN app_release a ON a.app = r.app AND a.version = r.version
        WHERE r.app = ? AND r.kind = 'default' AND r.state = 'active' ORDER BY r.id DESC LIMIT 1`,
      [app],
    );
    return rows[0];
  }

  /** Releases some user can get right now (behind an active rule), of every app but the shell. */
  activeAppReleases(db: Db): Promise<ReleaseRow[]> {
    return db.query(
      `SELECT DISTINCT a.* FROM rollout_rule r JOIN app_release a ON a.app = r.app AND a.version = r.version
        WHERE r.state = 'active' AND r.app <> 'shell' ORDER BY a.app, a.version`,
    );
  }

  /** Every active rule of the given apps joined with its release: what resolution needs, in one query. */
  activeRulesWithReleases(
    db: Db,
    apps: string[],
  ): Promise<(RuleRow & { scope: string | null; manifest_url: string | null; route: string | null })[]> {
    return db.query(
      `SELECT r.*, a.scope, a.manifest_url, a.route
         FROM rollout_rule r JOIN app_release a ON a.app = r.app AND a.version = r.version
        WHERE r.state = 'active' AND r.app IN (?)`,
      [apps],
    );
  }

  /**
   * Rules for the rollout view: every non-retired rule and the 20 most recently retired, per app.
   * `bank`: only the shared rules and `bank` rules for that bank.
   */
  rules(db: Db, app?: string, bank: string | null = null): Promise<RuleRow[]> {
    const where = [app ? 'app = ?' : '', bank ? "(kind <> 'bank' OR target = ?)" : ''].filter(Boolean);
    return db.query(
      `SELECT * FROM (
         SELECT r.*, ROW_NUMBER() OVER (PARTITION BY app, state = 'retired' ORDER BY id DESC) AS n
           FROM rollout_rule r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) x
        WHERE state <> 'retired' OR n <= 20
        ORDER BY app, id DESC`,
      [...(app ? [app] : []), ...(bank ? [bank] : [])],
    );
  }

  /**
   * The last `limit` history events per app, newest first. `bank`: without events about other
   * banks' rules (their detail names `kind: bank` and the target).
   */
  events(db: Db, app: string | undefined, limit: number, bank: string | null = null): Promise<EventRow[]> {
    const where = [
      app ? 'app = ?' : '',
      bank
        ? "(COALESCE(JSON_VALUE(detail, '$.kind'), '') <> 'bank' OR JSON_VALUE(detail, '$.target') = ?)"
        : '',
    ].filter(Boolean);
    return db.query(
      `SELECT * FROM (
         SELECT e.*, ROW_NUMBER() OVER (PARTITION BY app ORDER BY id DESC) AS n
           FROM rollout_event e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) x
        WHERE n <= ? ORDER BY app, id DESC`,
      [...(app ? [app] : []), ...(bank ? [bank] : []), limit],
    );
  }

  async bankExists(db: Db, id: string): Promise<boolean> {
    const rows: unknown[] = await db.query('SELECT id FROM bank WHERE id = ?', [id]);
    return rows.length > 0;
  }

  /** Versions that have been the app's default, most recent first. */
  async defaultHistory(db: Db, app: string): Promise<string[]> {
    const rows: { version: string }[] = await db.query(
      `SELECT version FROM rollout_event WHERE app = ? AND action = 'default' ORDER BY id DESC`,
      [app],
    );
    return rows.map((r) => r.version);
  }

  async insertRule(
    db: Db,
    r: {
      app: string;
      version: string;
      kind: RuleKind;
      target: string | null;
      percent: number | null;
      state: RuleState;
      supersedes: boolean;
      requestedBy: string;
    },
  ): Promise<string> {
    const res: { insertId: number | string } = await db.query(
      `INSERT INTO rollout_rule
         (app, version, kind, target, percent, state, supersedes, requested_by, approved_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
      [r.app, r.version, r.kind, r.target, r.percent, r.state, r.supersedes ? 1 : 0, r.requestedBy],
    );
    return String(res.insertId);
  }

  async setState(db: Db, id: string, state: RuleState, approvedBy?: string): Promise<void> {
    await db.query(
      `UPDATE rollout_rule SET state = ?, approved_by = COALESCE(?, approved_by), updated_at = UTC_TIMESTAMP(3)
        WHERE id = ?`,
      [state, approvedBy ?? null, id],
    );
  }

  async appendEvent(
    db: Db,
    e: { app: string; action: string; version: string | null; detail: object; actor: string },
  ): Promise<void> {
    await db.query(
      `INSERT INTO rollout_event (app, action, version, detail, actor, at)
       VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
      [e.app, e.action, e.version, JSON.stringify(e.detail), e.actor],
    );
  }
}
