import { createHash, randomUUID } from 'node:crypto';
import {
  type MachineDef,
  nextState,
  type Principal,
  type TodoAssignee,
  todoEvents,
  type WorkflowStep,
} from '@zhanye/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from './errors.ts';
import { appendEvent } from './events.ts';

/** Who acts: the caller, and the address their request came from (for the evidence). */
export interface Actor {
  caller: Principal;
  clientIp: string | null;
}

/** The system acting by itself (a scheduled job, an automated decision), for the evidence. */
export const systemActor = (caller: Principal): Actor => ({ caller, clientIp: null });

/** A to-do a state opens: for one person or for the holders of a post in an org. */
export interface TodoSpec {
  /** `<kind>` within the domain (the event's `kind` is `<domain>.<kind>`). */
  kind: string;
  titleKey: string;
  params: Record<string, string | number>;
  assignee: TodoAssignee;
  dueAt?: Date | null;
  link: { app: string; path: string };
}

/** The columns every workflow aggregate has besides its own. */
export interface AggregateRow {
  id: string;
  bankId: string;
  status: string;
  version: number;
}

export interface TransitionRequest<S extends string, C extends string, V extends string> {
  m: EntityManager;
  row: AggregateRow & { status: S };
  command: C;
  variant?: V | undefined;
  actor: Actor;
  comment?: string | null | undefined;
  /** Other columns to set with the new status (SQL column name -> value). */
  patch?: Record<string, unknown>;
  /** The data the person acted on (default: the row as read). Kept with its SHA-256. */
  snapshot?: unknown;
  /** To-dos the new state waits on (every open to-do of the aggregate closes). */
  todos?: TodoSpec[];
}

const COLUMN = /^[a-z][a-z0-9_]*$/;

/** JSON with sorted keys, so the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface StepRow {
  id: string;
  aggregate_id: string;
  command: string;
  from_state: string;
  to_state: string;
  actor_id: string;
  actor_name: string;
  actor_posts: string;
  actor_org_name: string;
  client_ip: string | null;
  at: Date;
  comment: string | null;
  snapshot: string;
  snapshot_sha256: string;
}

const toStep = (r: StepRow): WorkflowStep => ({
  id: r.id,
  aggregateId: r.aggregate_id,
  command: r.command,
  from: r.from_state,
  to: r.to_state,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorPosts: r.actor_posts ? r.actor_posts.split(',') : [],
  actorOrgName: r.actor_org_name,
  clientIp: r.client_ip,
  at: new Date(r.at).toISOString(),
  comment: r.comment,
  snapshot: JSON.parse(r.snapshot),
  snapshotSha256: r.snapshot_sha256,
});

/**
 * Moves one kind of aggregate through its declared machine (contracts `defineMachine`), the only
 * way its status changes (DOMAINS.md). In the caller's transaction, a transition:
 * - refuses a command the machine does not allow from the current state (409 `INVALID_TRANSITION`,
 *   naming the state);
 * - changes the row only if nobody changed it since it was read (`status` and `version`; 409
 *   `CONCURRENT_UPDATE` otherwise) and bumps the version;
 * - records the step as evidence (`workflow_step`: who, posts, org, when, from where, the comment,
 *   the data acted on and its SHA-256);
 * - closes the aggregate's open to-dos and opens the new state's (`workflow_todo`, and the
 *   `evt.<domain>.todo.opened|closed` events through the outbox).
 * Guards (permission, post, separation of duties, authority, data) are the caller's, run before.
 */
export class Workflow<S extends string, C extends string, V extends string> {
  private readonly todo: ReturnType<typeof todoEvents>;

  constructor(
    readonly machine: MachineDef<S, C, V>,
    private readonly opts: { domain: string; aggregate: string; table: string },
  ) {
    if (!COLUMN.test(opts.table)) throw new Error(`not a table name: ${opts.table}`);
    this.todo = todoEvents(opts.domain);
  }

  /** Records the first step of a new aggregate (already inserted in `initial`) and its to-dos. */
  async start(req: Omit<TransitionRequest<S, C, V>, 'command' | 'patch'> & { command?: string }) {
    await this.record(req.m, req.row, req.command ?? 'create', '', req.row.status, req);
    await this.openTodos(req.m, req.row, req.row.status, req.todos ?? []);
  }

  /** The state `command` leads to from the row's, or a 409 naming the state. */
  target(status: S, command: C, variant?: V): S {
    const to = nextState(this.machine, status, command, variant);
    if (!to) {
      throw new ConflictError(
        `"${command}" is not possible while the ${this.opts.aggregate} is ${status}`,
        'INVALID_TRANSITION',
      );
    }
    return to;
  }

  async transition(req: TransitionRequest<S, C, V>): Promise<{ to: S; stepId: string }> {
    const { m, row } = req;
    const to = this.target(row.status, req.command, req.variant);
    const patch = Object.entries(req.patch ?? {});
    for (const [col] of patch) if (!COLUMN.test(col)) throw new Error(`not a column name: ${col}`);
    const sets = ['status = ?', 'version = version + 1', ...patch.map(([col]) => `\`${col}\` = ?`)];
    const res: { affectedRows?: number } = await m.query(
      `UPDATE \`${this.opts.table}\` SET ${sets.join(', ')} WHERE id = ? AND status = ? AND version = ?`,
      [to, ...patch.map(([, v]) => v), row.id, row.status, row.version],
    );
    if (res.affectedRows !== 1) {
      throw new ConflictError(
        `the ${this.opts.aggregate} was changed by someone else; reload it`,
        'CONCURRENT_UPDATE',
      );
    }
    const stepId = await this.record(m, row, req.command, row.status, to, req);
    await this.closeTodos(m, row, req.actor.caller.userId);
    await this.openTodos(m, row, to, req.todos ?? []);
    return { to, stepId };
  }

  private async record(
    m: EntityManager,
    row: AggregateRow,
    command: string,
    from: string,
    to: string,
    req: { actor: Actor; comment?: string | null | undefined; snapshot?: unknown },
  ): Promise<string> {
    const id = randomUUID();
    const snapshot = canonicalJson(req.snapshot === undefined ? row : req.snapshot);
    const c = req.actor.caller;
    await m.query(
      `INSERT INTO workflow_step (id, aggregate, aggregate_id, bank_id, command, from_state, to_state,
         actor_id, actor_name, actor_posts, actor_org_id, actor_org_name, client_ip, at, comment,
         snapshot, snapshot_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), ?, ?, ?)`,
      [
        id,
        this.opts.aggregate,
        row.id,
        row.bankId,
        command,
        from,
        to,
        c.userId,
        c.displayName,
        (c.posts ?? []).join(','),
        c.orgId,
        c.orgName,
        req.actor.clientIp,
        req.comment ?? null,
        snapshot,
        createHash('sha256').update(snapshot).digest('hex'),
      ],
    );
    return id;
  }

  private async closeTodos(m: EntityManager, row: AggregateRow, by: string) {
    // a plain read, then updates by primary key: the aggregate's own row (changed just before, in
    // this transaction) already keeps other transitions of it out, and a locking read here would
    // take a gap lock that deadlocks with other aggregates' to-dos being inserted at once
    const open: { id: string }[] = await m.query(
      'SELECT id FROM workflow_todo WHERE aggregate = ? AND aggregate_id = ? AND closed_at IS NULL',
      [this.opts.aggregate, row.id],
    );
    for (const t of open) {
      await m.query(
        'UPDATE workflow_todo SET closed_at = UTC_TIMESTAMP(3), closed_by = ? WHERE id = ? AND closed_at IS NULL',
        [by, t.id],
      );
      await appendEvent(m, this.todo.closed, row.bankId, { todoId: t.id, bankId: row.bankId, by });
    }
  }

  private async openTodos(m: EntityManager, row: AggregateRow, state: string, todos: TodoSpec[]) {
    for (const t of todos) {
      const id = randomUUID();
      const a = t.assignee;
      await m.query(
        `INSERT INTO workflow_todo (id, aggregate, aggregate_id, bank_id, state, kind, title_key, params,
           assignee_user, assignee_post, assignee_org_path, link_app, link_path, due_at, opened_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
        [
          id,
          this.opts.aggregate,
          row.id,
          row.bankId,
          state,
          `${this.opts.domain}.${t.kind}`,
          t.titleKey,
          JSON.stringify(t.params),
          'userId' in a ? a.userId : null,
          'post' in a ? a.post : null,
          'post' in a ? a.orgPath : null,
          t.link.app,
          t.link.path,
          t.dueAt ?? null,
        ],
      );
      await appendEvent(m, this.todo.opened, row.bankId, {
        todoId: id,
        bankId: row.bankId,
        kind: `${this.opts.domain}.${t.kind}`,
        titleKey: t.titleKey,
        params: t.params,
        assignee: a,
        dueAt: t.dueAt ? t.dueAt.toISOString() : null,
        link: t.link,
      });
    }
  }

  /** The evidence chain of one aggregate, oldest first. */
  async steps(m: EntityManager | DataSource, aggregateId: string): Promise<WorkflowStep[]> {
    const rows: StepRow[] = await m.query(
      'SELECT * FROM workflow_step WHERE aggregate = ? AND aggregate_id = ? ORDER BY at, id',
      [this.opts.aggregate, aggregateId],
    );
    return rows.map(toStep);
  }
}

/** An open to-do as its assignees see it. */
export interface OpenTodo {
  id: string;
  aggregate: string;
  aggregateId: string;
  state: string;
  kind: string;
  titleKey: string;
  params: Record<string, string | number>;
  assignee: TodoAssignee;
  claimedBy: string | null;
  link: { app: string; path: string };
  dueAt: string | null;
  openedAt: string;
}

interface TodoRow {
  id: string;
  aggregate: string;
  aggregate_id: string;
  state: string;
  kind: string;
  title_key: string;
  params: string;
  assignee_user: string | null;
  assignee_post: string | null;
  assignee_org_path: string | null;
  claimed_by: string | null;
  link_app: string;
  link_path: string;
  due_at: Date | null;
  opened_at: Date;
}

const toTodo = (r: TodoRow): OpenTodo => ({
  id: r.id,
  aggregate: r.aggregate,
  aggregateId: r.aggregate_id,
  state: r.state,
  kind: r.kind,
  titleKey: r.title_key,
  params: JSON.parse(r.params) as Record<string, string | number>,
  assignee: r.assignee_user
    ? { userId: r.assignee_user }
    : { post: r.assignee_post ?? '', orgPath: r.assignee_org_path ?? '' },
  claimedBy: r.claimed_by,
  link: { app: r.link_app, path: r.link_path },
  dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
  openedAt: new Date(r.opened_at).toISOString(),
});

/**
 * The open to-dos a person may work on: those waiting for them, and those waiting for a post they
 * hold in their own org (`orgPath` equal to theirs), in their bank. A post's to-do is claimed by one
 * of its holders, then waits for that person only (the opened event goes out again with the new
 * assignee: the workbench's read model keeps the latest per `todoId`).
 */
export class Todos {
  private readonly events: ReturnType<typeof todoEvents>;
  constructor(domain: string) {
    this.events = todoEvents(domain);
  }

  private mine(caller: Principal): { sql: string; params: unknown[] } {
    const posts = caller.posts ?? [];
    const byPost = posts.length
      ? ` OR (t.assignee_user IS NULL AND t.assignee_org_path = ? AND t.assignee_post IN (${posts.map(() => '?').join(', ')}))`
      : '';
    return {
      sql: `t.bank_id = ? AND t.closed_at IS NULL AND (t.assignee_user = ?${byPost})`,
      params: [caller.bankId, caller.userId, ...(posts.length ? [caller.orgPath, ...posts] : [])],
    };
  }

  async list(m: EntityManager | DataSource, caller: Principal, aggregate?: string): Promise<OpenTodo[]> {
    const w = this.mine(caller);
    const rows: TodoRow[] = await m.query(
      `SELECT t.* FROM workflow_todo t WHERE ${w.sql}${aggregate ? ' AND t.aggregate = ?' : ''}
        ORDER BY t.opened_at LIMIT 500`,
      [...w.params, ...(aggregate ? [aggregate] : [])],
    );
    return rows.map(toTodo);
  }

  /** Takes a post's to-do for oneself; 404 when it is not the caller's to take, 409 when taken. */
  async claim(m: EntityManager, caller: Principal, todoId: string): Promise<OpenTodo> {
    const w = this.mine(caller);
    const [row]: TodoRow[] = await m.query(
      `SELECT t.* FROM workflow_todo t WHERE t.id = ? AND ${w.sql} FOR UPDATE`,
      [todoId, ...w.params],
    );
    if (!row) throw new NotFoundError('to-do not found');
    if (row.assignee_user) {
      if (row.assignee_user === caller.userId) return toTodo(row);
      throw new ConflictError('someone else took this to-do', 'CLAIMED');
    }
    await m.query(
      'UPDATE workflow_todo SET assignee_user = ?, claimed_by = ?, claimed_at = UTC_TIMESTAMP(3) WHERE id = ?',
      [caller.userId, caller.userId, todoId],
    );
    const claimed = { ...row, assignee_user: caller.userId, claimed_by: caller.userId };
    const todo = toTodo(claimed);
    const bankId = caller.bankId;
    await appendEvent(m, this.events.opened, bankId, {
      todoId,
      bankId,
      kind: row.kind,
      titleKey: row.title_key,
      params: todo.params,
      assignee: { userId: caller.userId },
      dueAt: todo.dueAt,
      link: todo.link,
    });
    return todo;
  }

  /** 403 unless the caller may work on the aggregate's open to-do (theirs, or their post's in their org). */
  async assertMine(
    m: EntityManager,
    caller: Principal,
    aggregate: string,
    aggregateId: string,
  ): Promise<void> {
    const w = this.mine(caller);
    const [row] = await m.query(
      `SELECT t.id FROM workflow_todo t WHERE t.aggregate = ? AND t.aggregate_id = ? AND ${w.sql} LIMIT 1`,
      [aggregate, aggregateId, ...w.params],
    );
    if (!row) throw new ForbiddenError('this step waits for someone else', 'NOT_YOUR_TODO');
  }
}
