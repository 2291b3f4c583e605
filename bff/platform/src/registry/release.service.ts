import type {
  AppRollout,
  Principal,
  Release,
  ReleaseInput,
  RemoteEntry,
  RolloutRule,
} from '@zhanye/contracts';
import { ConflictError, ForbiddenError, InputError, type Logger, NotFoundError } from '@zhanye/kit';
import type { EntityManager } from 'typeorm';
import { UNION_BANK } from '../seed/access.seed.ts';
import { incompatibilities, invalidRanges } from './compat.ts';
import {
  type Db,
  jsonOf,
  type ReleaseRepository,
  type ReleaseRow,
  type RuleKind,
  type RuleRow,
  toEvent,
  toRelease,
  toRule,
} from './release.repository.ts';
import { pickRule } from './resolve.ts';

export interface ReleaseOptions {
  /** `ZY_RELEASE_FOUR_EYES=1`: new rules wait for a second person's approval. */
  fourEyes: boolean;
}

/**
 * Who does it, whose rules they may change, and the request's logger (carries request id and user)
 * for the audit line. `bank` null: a union release manager (or release tooling), every rule; a bank
 * id: a bank's release manager, `bank` rules for that bank only (see `releaseBank`).
 */
export interface Act {
  actor: string;
  bank: string | null;
  log: Logger;
}

/**
 * The release tenancy model. The union runs the platform: its release managers register
 * releases and own every rule all banks share (default, percent, role), promote and roll back.
 * A bank's release managers canary or pin a version for their own bank only (`bank` rules naming
 * it), and read only what concerns their bank: another bank's rule is "not found", as another
 * bank's records are everywhere, and a shared rule or an app-wide operation is "forbidden".
 */
export const releaseBank = (caller: Principal): string | null =>
  caller.bankId === UNION_BANK ? null : caller.bankId;

const unionOnly = (what: string) =>
  new ForbiddenError(
    `only the union's release managers ${what}; a bank's release managers change the rules for their own bank`,
    'UNION_ONLY',
  );

/** 404 for another bank's rule, 403 for a rule every bank shares; nothing for the union. */
function assertMayChange(rule: Pick<RuleRow, 'id' | 'kind' | 'target'>, bank: string | null): void {
  if (bank === null) return;
  if (rule.kind !== 'bank') throw unionOnly('change the rules every bank shares');
  if (rule.target !== bank) throw new NotFoundError(`no rule ${rule.id}`);
}

const HISTORY = 50;
const SHELL = 'shell';

/** Canonical JSON: key order does not make two records differ. */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

/** What differs between a registered release and a new registration of the same version. */
function differences(was: ReleaseRow, now: ReleaseInput): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => canon(a ?? null) === canon(b ?? null);
  if (!same(was.scope, now.scope)) out.push('scope');
  if (!same(was.route, now.route)) out.push('route');
  if (!same(was.manifest_url, now.manifestUrl)) out.push('manifestUrl');
  if (!same(was.contract_version, now.contractVersion)) out.push('contractVersion');
  if (!same(jsonOf(was.shared, {}), now.shared)) out.push('shared');
  if (!same(jsonOf(was.provides, {}), now.provides)) out.push('provides');
  const a = jsonOf<Record<string, string>>(was.integrity, {});
  const b = now.integrity;
  const files = new Set([...Object.keys(a), ...Object.keys(b)]);
  const changed = [...files].filter((f) => a[f] !== b[f]).length;
  if (changed) out.push(`files (${changed} of ${files.size} differ)`);
  return out;
}

/** A release for the audit log: the file hashes as a count. */
const summary = (r: Release) => ({ ...r, integrity: `${Object.keys(r.integrity).length} files` });

/**
 * The release control plane: immutable releases behind a compatibility gate, activation rules
 * (default, bank, role, sticky percent) with optional four-eyes approval, and their history.
 * Every change runs in one transaction holding the app's release rows, appends a `rollout_event`
 * and logs an audit line.
 */
export class ReleaseService {
  constructor(
    private readonly repo: ReleaseRepository,
    private readonly opts: ReleaseOptions,
  ) {}

  // ---- releases ------------------------------------------------------------------------------

  /**
   * Registers an immutable build. The same app and version again: identical metadata is a no-op,
   * anything else 409 `IMMUTABLE` (commit and build time are provenance, kept from the first
   * registration, not compared). An `mf-*` app must fit the shell that is the default (409
   * `INCOMPATIBLE`). `activate` (release tooling only) also makes it the default.
   */
  async register(
    raw: ReleaseInput,
    { actor, bank, log }: Act,
    opts: { activate?: boolean } = {},
  ): Promise<{ release: Release; created: boolean; activated: boolean }> {
    if (bank !== null) throw unionOnly('register releases');
    const input = this.checkInput(raw);
    return this.repo.transaction(async (m) => {
      const existing = await this.repo.release(m, input.app, input.version, true);
      let created = false;
      if (existing && existing.integrity !== null) {
        const diff = differences(existing, input);
        if (diff.length) {
          throw new ConflictError(
            `${input.app} ${input.version} is already registered with different ${diff.join(', ')}: ` +
              'a release never changes; give this build a new version',
            'IMMUTABLE',
          );
        }
      } else {
        if (input.app !== SHELL) await this.gate(m, input.app, input.version, input);
        if (existing) await this.repo.completeLegacy(m, input);
        else await this.repo.insertRelease(m, input, actor);
        await this.repo.appendEvent(m, {
          app: input.app,
          action: 'register',
          version: input.version,
          detail: { commit: input.commit, builtAt: input.builtAt, contractVersion: input.contractVersion },
          actor,
        });
        created = true;
      }
      let activated = false;
      if (opts.activate) {
        const current = await this.repo.currentDefault(m, input.app);
        if (current?.version !== input.version) {
          const id = await this.insertDefaultRule(m, input.app, input.version, false, actor);
          await this.activate(m, id, actor, null);
          await this.repo.appendEvent(m, {
            app: input.app,
            action: 'rule.create',
            version: input.version,
            detail: { ruleId: id, kind: 'default', state: 'active', via: 'register' },
            actor,
          });
          activated = true;
        }
      }
      const release = toRelease((await this.repo.release(m, input.app, input.version))!);
      if (created || activated) {
        log.info(
          {
            audit: 'release.register',
            user: actor,
            app: input.app,
            version: input.version,
            before: existing ? summary(toRelease(existing)) : null,
            after: summary(release),
            activated,
          },
          'release registered',
        );
      }
      return { release, created, activated };
    });
  }

  private checkInput(r: ReleaseInput): ReleaseInput {
    const fields: Record<string, string[]> = invalidRanges(r.shared);
    const base = `/apps/${r.app}/${r.version}/`;
    if (r.app !== SHELL) {
      if (!r.scope) fields.scope = ['required for an app'];
      if (!r.route) fields.route = ['required for an app'];
      if (!r.manifestUrl) fields.manifestUrl = ['required for an app'];
      else if (!r.manifestUrl.startsWith(base))
        fields.manifestUrl = [`must be in the version's folder ${base}`];
    }
    if (Object.keys(fields).length) throw new InputError('invalid release', fields);
    // the shell is served by the gateway, not loaded as a remote
    return r.app === SHELL ? { ...r, scope: undefined, route: undefined, manifestUrl: undefined } : r;
  }

  /** Refuses (409 `INCOMPATIBLE`) an app version the current default shell cannot host. */
  private async gate(
    db: Db,
    app: string,
    version: string,
    meta: { contractVersion: string | null; shared: Record<string, string> },
  ): Promise<void> {
    const shell = await this.repo.currentDefault(db, SHELL);
    if (!shell) {
      throw new ConflictError(
        `${app} ${version} cannot be checked: no shell release is the default yet; ` +
          'release the shell first (pnpm --filter shell release --activate default)',
        'INCOMPATIBLE',
      );
    }
    const problems = incompatibilities(
      { app, version, contractVersion: meta.contractVersion, shared: meta.shared },
      {
        version: shell.version,
        contractVersion: shell.contract_version,
        provides: jsonOf(shell.provides, {}),
      },
    );
    if (problems.length) throw new ConflictError(problems.join('; '), 'INCOMPATIBLE');
  }

  /** Before a version goes live: an app must fit the shell; a shell must fit every app that is live. */
  private async assertHostable(db: Db, app: string, version: string): Promise<void> {
    const row = await this.repo.release(db, app, version);
    if (!row) throw new NotFoundError(`${app} ${version} is not registered`);
    if (app !== SHELL) {
      return this.gate(db, app, version, {
        contractVersion: row.contract_version,
        shared: jsonOf(row.shared, {}),
      });
    }
    const host = {
      version,
      contractVersion: row.contract_version,
      provides: jsonOf<Record<string, string>>(row.provides, {}),
    };
    // releases registered before metadata existed cannot be judged; they do not block the shell
    const live = (await this.repo.activeAppReleases(db)).filter((g) => g.integrity !== null);
    const problems = live.flatMap((g) =>
      incompatibilities(
        { app: g.app, version: g.version, contractVersion: g.contract_version, shared: jsonOf(g.shared, {}) },
        host,
      ),
    );
    if (problems.length) {
      throw new ConflictError(
        `shell ${version} cannot become the default, it cannot host what is live: ${problems.join('; ')}`,
        'INCOMPATIBLE',
      );
    }
  }

  // ---- rules ---------------------------------------------------------------------------------

  /**
   * Makes a rule active: checks compatibility, then retires what it replaces (the previous rule of
   * the same kind and target, or, for a promote or rollback, every other live rule of the app).
   */
  private async activate(m: EntityManager, id: string, actor: string, approvedBy: string | null) {
    const rule = (await this.repo.rule(m, id, true))!;
    await this.assertHostable(m, rule.app, rule.version);
    const before = await this.repo.currentDefault(m, rule.app);
    await this.repo.setState(m, id, 'active', approvedBy ?? undefined);
    for (const other of await this.repo.liveRules(m, rule.app)) {
      if (String(other.id) === id) continue;
      if (rule.supersedes || (other.kind === rule.kind && other.target === rule.target)) {
        await this.retire(m, other, id, actor);
      }
    }
    if (rule.kind === 'default') {
      await this.repo.appendEvent(m, {
        app: rule.app,
        action: 'default',
        version: rule.version,
        detail: { ruleId: id, previous: before?.version ?? null },
        actor,
      });
    }
  }

  /** A default rule for `version`, pending until activated (`supersedes`: it retires every other live rule). */
  private insertDefaultRule(
    m: EntityManager,
    app: string,
    version: string,
    supersedes: boolean,
    actor: string,
  ) {
    return this.repo.insertRule(m, {
      app,
      version,
      kind: 'default',
      target: null,
      percent: null,
      state: 'pending_approval',
      supersedes,
      requestedBy: actor,
    });
  }

  private async retire(m: EntityManager, rule: RuleRow, replacedBy: string, actor: string) {
    await this.repo.setState(m, String(rule.id), 'retired');
    await this.repo.appendEvent(m, {
      app: rule.app,
      action: 'rule.retire',
      version: rule.version,
      detail: { ruleId: String(rule.id), kind: rule.kind, target: rule.target, replacedBy },
      actor,
    });
  }

  async createRule(
    input: { app: string; version: string; kind: RuleKind; target: string | null; percent: number | null },
    { actor, bank, log }: Act,
  ): Promise<RolloutRule> {
    if (bank !== null) {
      if (input.kind !== 'bank') throw unionOnly('add default, role and percent rules');
      if (input.target !== bank) throw new NotFoundError('bank not found');
    }
    if (input.app === SHELL && input.kind !== 'default') {
      throw new InputError('the shell is one build for everyone: only a default rule applies to it', {
        kind: ['must be default for the shell'],
      });
    }
    const rule = {
      ...input,
      target: input.kind === 'bank' || input.kind === 'role' ? input.target : null,
      percent: input.kind === 'percent' ? input.percent : null,
    };
    return this.repo.transaction(async (m) => {
      if (rule.kind === 'bank' && !(await this.repo.bankExists(m, rule.target ?? ''))) {
        throw new InputError('no such bank', { target: [`no bank ${rule.target}`] });
      }
      await this.repo.lockApp(m, rule.app);
      await this.assertHostable(m, rule.app, rule.version);
      const id = await this.repo.insertRule(m, {
        ...rule,
        state: 'pending_approval',
        supersedes: false,
        requestedBy: actor,
      });
      if (!this.opts.fourEyes) await this.activate(m, id, actor, null);
      const after = toRule((await this.repo.rule(m, id))!);
      await this.repo.appendEvent(m, {
        app: rule.app,
        action: 'rule.create',
        version: rule.version,
        detail: {
          ruleId: id,
          kind: rule.kind,
          target: rule.target,
          percent: rule.percent,
          state: after.state,
        },
        actor,
      });
      log.info({ audit: 'release.rule.create', user: actor, before: null, after }, 'rollout rule created');
      return after;
    });
  }

  /** Activates a pending rule; its requester may not (403 `FOUR_EYES`). */
  approveRule(id: string, act: Act): Promise<RolloutRule> {
    return this.changeRule(id, act, 'approve', async (m, rule) => {
      if (rule.state !== 'pending_approval') {
        throw new ConflictError(`rule ${id} is ${rule.state}, not waiting for approval`, 'NOT_PENDING');
      }
      if (rule.requested_by === act.actor) {
        throw new ForbiddenError(
          'four-eyes: the person who requested a rule cannot approve it; another release approver must',
          'FOUR_EYES',
        );
      }
      await this.activate(m, id, act.actor, act.actor);
    });
  }

  /** A paused canary stops applying: its users fall through to the next matching rule. */
  pauseRule(id: string, act: Act): Promise<RolloutRule> {
    return this.changeRule(id, act, 'pause', async (m, rule) => {
      if (rule.state !== 'active')
        throw new ConflictError(`rule ${id} is ${rule.state}, not active`, 'STATE');
      if (rule.kind === 'default') {
        throw new ConflictError(
          'the default rule cannot be paused (its users would get nothing): promote or roll back instead',
          'STATE',
        );
      }
      await this.repo.setState(m, id, 'paused');
    });
  }

  resumeRule(id: string, act: Act): Promise<RolloutRule> {
    return this.changeRule(id, act, 'resume', async (m, rule) => {
      if (rule.state !== 'paused')
        throw new ConflictError(`rule ${id} is ${rule.state}, not paused`, 'STATE');
      await this.activate(m, id, act.actor, null);
    });
  }

  private async changeRule(
    id: string,
    { actor, bank, log }: Act,
    action: 'approve' | 'pause' | 'resume',
    change: (m: EntityManager, rule: RuleRow) => Promise<void>,
  ): Promise<RolloutRule> {
    const found = await this.repo.rule(this.repo.ds, id);
    if (!found) throw new NotFoundError(`no rule ${id}`);
    // kind and target never change: the check holds inside the transaction too
    assertMayChange(found, bank);
    return this.repo.transaction(async (m) => {
      await this.repo.lockApp(m, found.app);
      const rule = (await this.repo.rule(m, id, true))!;
      await change(m, rule);
      const after = toRule((await this.repo.rule(m, id))!);
      await this.repo.appendEvent(m, {
        app: rule.app,
        action: `rule.${action}`,
        version: rule.version,
        detail: { ruleId: id, kind: rule.kind, target: rule.target, from: rule.state, to: after.state },
        actor,
      });
      log.info(
        { audit: `release.rule.${action}`, user: actor, before: toRule(rule), after },
        `rollout rule ${action}`,
      );
      return after;
    });
  }

  /** The version becomes everybody's default; the app's other rules retire (after approval under four-eyes). */
  async promote(app: string, version: string, { actor, bank, log }: Act): Promise<AppRollout> {
    if (bank !== null) throw unionOnly('promote a version for every bank');
    await this.repo.transaction(async (m) => {
      await this.repo.lockApp(m, app);
      await this.assertHostable(m, app, version);
      const before = await this.repo.currentDefault(m, app);
      const id = await this.insertDefaultRule(m, app, version, true, actor);
      if (!this.opts.fourEyes) await this.activate(m, id, actor, null);
      const state = this.opts.fourEyes ? 'pending_approval' : 'active';
      await this.repo.appendEvent(m, {
        app,
        action: 'promote',
        version,
        detail: { ruleId: id, from: before?.version ?? null, state },
        actor,
      });
      log.info(
        {
          audit: 'release.promote',
          user: actor,
          app,
          before: before?.version ?? null,
          after: version,
          state,
        },
        'release promoted',
      );
    });
    return this.rolloutOf(app);
  }

  /**
   * Everyone back to one version, canaries retired. Without a version: while canaries are live,
   * back to the current default; otherwise to the default before it. Never waits for approval
   * (going back must be fast), so under four-eyes it only goes to a version that has been the
   * default before: anything else is a promote.
   */
  async rollback(app: string, version: string | undefined, { actor, bank, log }: Act): Promise<AppRollout> {
    if (bank !== null)
      throw unionOnly('roll every bank back (pause your bank’s rule, or pin a version for it)');
    await this.repo.transaction(async (m) => {
      await this.repo.lockApp(m, app);
      const current = await this.repo.currentDefault(m, app);
      const live = await this.repo.liveRules(m, app);
      const canaries = live.filter((r) => r.kind !== 'default');
      const defaults = await this.repo.defaultHistory(m, app);
      const target =
        version ??
        (current && canaries.length ? current.version : defaults.find((v) => v !== current?.version));
      if (!target) {
        throw new ConflictError(
          `${app} has no earlier default to roll back to: name a version`,
          'NO_PREVIOUS',
        );
      }
      if (!(await this.repo.release(m, app, target)))
        throw new NotFoundError(`${app} ${target} is not registered`);
      if (this.opts.fourEyes && !defaults.includes(target)) {
        throw new ForbiddenError(
          `${app} ${target} has never been the default: with four-eyes on, promote it (a second person approves)`,
          'FOUR_EYES',
        );
      }
      let ruleId: string;
      if (current?.version === target) {
        // already the default: only the canaries go
        const keep = live.find((r) => r.kind === 'default' && r.state === 'active')!;
        ruleId = String(keep.id);
        for (const c of canaries) await this.retire(m, c, ruleId, actor);
      } else {
        ruleId = await this.insertDefaultRule(m, app, target, true, actor);
        await this.activate(m, ruleId, actor, null);
      }
      await this.repo.appendEvent(m, {
        app,
        action: 'rollback',
        version: target,
        detail: { ruleId, from: current?.version ?? null, canariesRetired: canaries.length },
        actor,
      });
      log.info(
        { audit: 'release.rollback', user: actor, app, before: current?.version ?? null, after: target },
        'release rolled back',
      );
    });
    return this.rolloutOf(app);
  }

  // ---- reading -------------------------------------------------------------------------------

  /**
   * Releases, rules and the last 50 events per app (three queries whatever the number of apps).
   * `bank`: what a bank's release managers see: releases, the shared rules and their bank's rules,
   * and the history without other banks' rules.
   */
  async rollout(app?: string, bank: string | null = null): Promise<AppRollout[]> {
    const db = this.repo.ds;
    const [releases, rules, events] = await Promise.all([
      this.repo.releases(db, app),
      this.repo.rules(db, app, bank),
      this.repo.events(db, app, HISTORY, bank),
    ]);
    const apps = [...new Set(releases.map((r) => r.app))].sort();
    return apps.map((a) => ({
      app: a,
      releases: releases.filter((r) => r.app === a).map(toRelease),
      rules: rules.filter((r) => r.app === a).map(toRule),
      history: events.filter((e) => e.app === a).map(toEvent),
    }));
  }

  private async rolloutOf(app: string): Promise<AppRollout> {
    const [one] = await this.rollout(app);
    if (!one) throw new NotFoundError(`${app} has no releases`);
    return one;
  }

  /** The version of each app this user gets, from the active rules (one query). The shell is not a remote. */
  async resolve(caller: Principal, apps: string[]): Promise<RemoteEntry[]> {
    const wanted = apps.filter((a) => a !== SHELL).sort();
    if (!wanted.length) return [];
    const rows = await this.repo.activeRulesWithReleases(this.repo.ds, wanted);
    const rules = rows.map((r) => ({ ...r, id: Number(r.id) }));
    return wanted.flatMap((app) => {
      const rule = pickRule(rules, app, caller);
      if (!rule?.scope || !rule.manifest_url || !rule.route) return [];
      return [
        { app, scope: rule.scope, version: rule.version, manifestUrl: rule.manifest_url, route: rule.route },
      ];
    });
  }
}
