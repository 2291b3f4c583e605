import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  type DecisionGraph,
  type FeatureValue,
  type FlowCaseResult,
  type FlowDetail,
  type FlowDiff,
  type FlowOwner,
  type FlowRelease,
  FlowReleaseAction,
  type FlowRun,
  type FlowRunSummary,
  type FlowSummary,
  type FlowTestCase,
  type FlowTestReport,
  type FlowTraceStep,
  type FlowVersion,
  type FlowVersionSummary,
  type JdmContent,
  type Principal,
  type ReplayResult,
  type SimulateResult,
} from '@zhanye/contracts';
import { AppError, ConflictError, ForbiddenError, InputError, NotFoundError, ownedBy } from '@zhanye/kit';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { DecisionRunRow } from '../decisions/decision.entity.ts';
import type { CompiledFlow, Decided, DecideOptions, Features, Flows } from '../ports.ts';
import { bucketOf, changes, diffGraphs, mismatches } from './flow.compare.ts';
import { type Compiled, type FlowEngine, GraphInvalid, sha256 } from './flow.engine.ts';
import {
  type FlowReleaseRow,
  type FlowRow,
  type FlowVersionRow,
  UNION,
  type VersionStatus,
} from './flow.entity.ts';
import type { FlowRepository, VersionHead } from './flow.repository.ts';

type DecisionGraphT = z.infer<typeof DecisionGraph>;

/** A compiled version and what a decision needs besides: its owner, hash and features. */
interface Loaded {
  compiled: Compiled;
  bankId: string;
  hash: string;
  features: string[];
}

const VERDICTS = new Set(['pass', 'refer', 'refuse']);
const verdictOf = (output: Record<string, unknown>) =>
  typeof output.outcome === 'string' && VERDICTS.has(output.outcome) ? output.outcome : '';

const parse = <T>(text: string | null | undefined, fallback: T): T =>
  text ? (JSON.parse(text) as T) : fallback;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The publish gate's refusal: 409 `PUBLISH_GATE` with the reason (and the failing cases as fields). */
class GateRefused extends AppError {
  constructor(message: string, fields?: Record<string, string[]>) {
    super('CONFLICT', message, fields, 'PUBLISH_GATE');
  }
}

/** Old runs kept the trace without node types; give every stored step the current shape. */
function stepsOf(text: string): FlowTraceStep[] {
  return parse<Partial<FlowTraceStep>[]>(text, []).map((s, i) => ({
    id: String(s.id ?? ''),
    name: String(s.name ?? ''),
    type: s.type ?? 'unknown',
    order: s.order ?? i,
    input: s.input ?? null,
    output: s.output ?? null,
    performance: s.performance ?? null,
    matchedRows: s.matchedRows ?? [],
    traceData: s.traceData ?? null,
  }));
}

/**
 * Decision flows: the registry (per owner: the union's standard flows, a bank's own), immutable
 * versions, test cases and the publish gate, canary and rollback, simulation, diff, decisions by
 * name (stored as runs) and replay.
 */
export class FlowService implements Flows {
  private readonly loaded = new Map<string, Promise<Loaded>>();

  constructor(
    private readonly repo: FlowRepository,
    private readonly engine: FlowEngine,
    private readonly features: Features,
  ) {}

  // ---- who owns what ------------------------------------------------------------------------

  /** The owner the caller acts for: the union's staff (data scope `all`) keep the standard flows. */
  private owner(caller: Principal) {
    return caller.dataScope === 'all' ? UNION : caller.bankId;
  }
  /** The owners whose flows the caller sees: its bank's and the union's. */
  private visible(caller: Principal) {
    const owner = this.owner(caller);
    return owner === UNION ? [UNION] : [owner, UNION];
  }
  private ownerOf(bankId: string): FlowOwner {
    return bankId === UNION ? 'union' : 'bank';
  }

  private async versionOf(caller: Principal, name: string, version: number, m?: EntityManager, lock = false) {
    const row = await this.repo.version(this.visible(caller), name, version, m, lock);
    if (!row) throw new NotFoundError(`decision flow ${name} has no version ${version}`);
    return row;
  }

  /** A version the caller may change: its owner's; another owner's is refused by name. */
  private mustOwn(caller: Principal, v: Pick<FlowVersionRow, 'bankId' | 'name' | 'version'>) {
    if (v.bankId !== this.owner(caller)) {
      throw new ForbiddenError(
        v.bankId === UNION
          ? `version ${v.version} of ${v.name} is a union standard: save your own version to change it`
          : `version ${v.version} of ${v.name} is not yours to change`,
        'NOT_OWNER',
      );
    }
  }

  /** A compiled version, loaded once per (name, version); `owners` it must belong to (404 otherwise). */
  private async load(name: string, version: number, owners: string[]): Promise<Loaded> {
    const key = `${name}@${version}`;
    let hit = this.loaded.get(key);
    if (!hit) {
      hit = (async () => {
        const row = await this.repo.version([...owners, UNION], name, version);
        if (!row) throw new NotFoundError(`decision flow ${name} has no version ${version}`);
        let compiled: Compiled;
        try {
          compiled = this.engine.compile(JSON.parse(row.content));
        } catch (e) {
          if (e instanceof GraphInvalid)
            throw new ConflictError(`${name} v${version}: ${e.message}`, 'GRAPH_INVALID');
          throw e;
        }
        return { compiled, bankId: row.bankId, hash: row.hash, features: parse<string[]>(row.features, []) };
      })();
      this.loaded.set(key, hit);
      hit.catch(() => this.loaded.delete(key));
    }
    const l = await hit;
    if (!owners.includes(l.bankId))
      throw new NotFoundError(`decision flow ${name} has no version ${version}`);
    return l;
  }

  // ---- reading ------------------------------------------------------------------------------

  private release(f: FlowRow): FlowRelease {
    return { stableVersion: f.stableVersion, canaryVersion: f.canaryVersion, canaryPercent: f.canaryPercent };
  }

  async list(caller: Principal): Promise<{ items: FlowSummary[] }> {
    const owners = this.visible(caller);
    const [rows, latest] = await Promise.all([this.repo.flows(owners), this.repo.latestByOwner(owners)]);
    const ownAnswers = new Set(
      rows.filter((f) => f.bankId !== UNION && f.stableVersion !== null).map((f) => f.name),
    );
    return {
      items: rows.map((f) => ({
        name: f.name,
        title: f.title,
        description: f.description,
        owner: this.ownerOf(f.bankId),
        release: this.release(f),
        answering:
          f.bankId === UNION ? !ownAnswers.has(f.name) && f.stableVersion !== null : f.stableVersion !== null,
        latestVersion: latest.get(`${f.bankId}/${f.name}`) ?? 0,
        updatedAt: f.updatedAt.toISOString(),
      })),
    };
  }

  private summary(v: VersionHead & { caseCount: number }): FlowVersionSummary {
    return {
      name: v.name,
      version: v.version,
      owner: this.ownerOf(v.bankId),
      status: v.status,
      note: v.note,
      hash: v.hash,
      features: parse<string[]>(v.features, []),
      caseCount: v.caseCount,
      lastTest: parse(v.lastTest, null),
      authorName: v.authorName,
      createdAt: v.createdAt.toISOString(),
      publishedAt: iso(v.publishedAt),
      publishedByName: v.publishedByName,
    };
  }

  private full(caller: Principal, v: FlowVersionRow): FlowVersion {
    const cases = parse<FlowTestCase[]>(v.cases, []);
    return {
      ...this.summary({ ...v, caseCount: cases.length }),
      title: v.title,
      content: JSON.parse(v.content) as JdmContent,
      cases,
      mine: v.authorId === caller.userId,
    };
  }

  async get(caller: Principal, name: string): Promise<FlowDetail> {
    const owners = this.visible(caller);
    const rows = await this.repo.flows(owners, name);
    if (!rows.length) throw new NotFoundError(`no decision flow ${name}`);
    const union = rows.find((f) => f.bankId === UNION) ?? null;
    const bank = rows.find((f) => f.bankId !== UNION) ?? null;
    const [versions, history] = await Promise.all([
      this.repo.versions(owners, name),
      this.repo.history(owners, name),
    ]);
    const main = bank ?? union!;
    return {
      name,
      title: main.title,
      description: main.description,
      answering: bank && bank.stableVersion !== null ? 'bank' : 'union',
      union: union ? this.release(union) : null,
      bank: bank ? this.release(bank) : null,
      versions: versions.map((v) => this.summary(v)),
      history: history.map((h) => ({
        owner: this.ownerOf(h.bankId),
        action: FlowReleaseAction.parse(h.action),
        version: h.version,
        canaryPercent: h.canaryPercent,
        note: h.note,
        actorName: h.actorName,
        at: h.at.toISOString(),
      })),
    };
  }

  async version(caller: Principal, name: string, version: number): Promise<FlowVersion> {
    return this.full(caller, await this.versionOf(caller, name, version));
  }

  // ---- editing ------------------------------------------------------------------------------

  private newVersionRow(
    caller: Principal,
    owner: string,
    name: string,
    version: number,
    title: string,
    input: { content: JdmContent; note: string; features: string[] },
    cases: FlowTestCase[],
  ): FlowVersionRow {
    const content = JSON.stringify(input.content);
    return {
      name,
      version,
      bankId: owner,
      title,
      content,
      hash: sha256(content),
      features: JSON.stringify([...new Set(input.features)]),
      note: input.note,
      cases: JSON.stringify(cases),
      lastTest: null,
      status: 'draft',
      authorId: caller.userId,
      authorName: caller.displayName.slice(0, 64),
      createdAt: new Date(),
      publishedAt: null,
      publishedById: null,
      publishedByName: null,
    };
  }

  /** Inserts the next version number of a name; two saves at once: the loser retries. */
  private async insertNext(
    m: EntityManager,
    make: (version: number) => FlowVersionRow,
  ): Promise<FlowVersionRow> {
    for (let attempt = 0; ; attempt++) {
      const row = make((await this.repo.latestVersion(m, make(0).name)) + 1);
      try {
        await this.repo.insertVersion(m, row);
        return row;
      } catch (e) {
        if ((e as { code?: string }).code !== 'ER_DUP_ENTRY' || attempt >= 2) {
          if ((e as { code?: string }).code === 'ER_DUP_ENTRY') {
            throw new ConflictError(
              'someone saved a version at the same moment: save again',
              'CONCURRENT_UPDATE',
            );
          }
          throw e;
        }
      }
    }
  }

  async create(
    caller: Principal,
    input: {
      name: string;
      title: string;
      description: string;
      content: JdmContent;
      note: string;
      features: string[];
    },
  ): Promise<FlowVersion> {
    const owner = this.owner(caller);
    const row = await this.repo.transaction(async (m) => {
      if ((await this.repo.flows(this.visible(caller), input.name, m)).length) {
        throw new ConflictError(
          `a decision flow named ${input.name} exists: save a new version of it`,
          'NAME_TAKEN',
        );
      }
      const now = new Date();
      try {
        await this.repo.insertFlow(m, {
          bankId: owner,
          name: input.name,
          title: input.title,
          description: input.description,
          stableVersion: null,
          canaryVersion: null,
          canaryPercent: 0,
          rowVersion: 1,
          createdAt: now,
          updatedAt: now,
        });
      } catch (e) {
        if ((e as { code?: string }).code === 'ER_DUP_ENTRY') {
          throw new ConflictError(`a decision flow named ${input.name} exists`, 'NAME_TAKEN');
        }
        throw e;
      }
      return this.insertNext(m, (v) =>
        this.newVersionRow(caller, owner, input.name, v, input.title, input, []),
      );
    });
    return this.full(caller, row);
  }

  /**
   * A new draft version. A bank saving a union standard starts its own flow of that name (its
   * releases then answer for the bank once published). Cases come from `casesFrom`, else the
   * owner's newest version, else the version answering now.
   */
  async createVersion(
    caller: Principal,
    input: {
      name: string;
      content: JdmContent;
      note: string;
      features: string[];
      casesFrom?: number | undefined;
    },
  ): Promise<FlowVersion> {
    const owner = this.owner(caller);
    const owners = this.visible(caller);
    const row = await this.repo.transaction(async (m) => {
      const flows = await this.repo.flows(owners, input.name, m);
      if (!flows.length) throw new NotFoundError(`no decision flow ${input.name}`);
      let own = flows.find((f) => f.bankId === owner);
      if (!own) {
        const union = flows.find((f) => f.bankId === UNION)!;
        own = {
          ...union,
          bankId: owner,
          stableVersion: null,
          canaryVersion: null,
          canaryPercent: 0,
          rowVersion: 1,
        };
        own.createdAt = own.updatedAt = new Date();
        await this.repo.insertFlow(m, own);
      } else {
        await this.repo.touchFlow(m, owner, input.name);
      }
      let cases: FlowTestCase[] = [];
      if (input.casesFrom !== undefined) {
        cases = parse(
          (await this.versionOf(caller, input.name, input.casesFrom, m)).cases,
          [] as FlowTestCase[],
        );
      } else {
        const heads = await this.repo.versions(owners, input.name);
        const source =
          heads.find((v) => v.bankId === owner) ??
          heads.find((v) => v.bankId === UNION && v.status === 'stable') ??
          heads[0];
        if (source)
          cases = parse((await this.repo.version(owners, input.name, source.version, m))?.cases, []);
      }
      return this.insertNext(m, (v) =>
        this.newVersionRow(caller, owner, input.name, v, own.title, input, cases),
      );
    });
    return this.full(caller, row);
  }

  async saveCases(
    caller: Principal,
    name: string,
    version: number,
    cases: FlowTestCase[],
  ): Promise<FlowVersion> {
    const names = new Set<string>();
    const fields: Record<string, string[]> = {};
    cases.forEach((c, i) => {
      if (names.has(c.name)) fields[`cases.${i}.name`] = ['another case has this name'];
      names.add(c.name);
    });
    if (Object.keys(fields).length) throw new InputError('invalid input', fields);
    const row = await this.repo.transaction(async (m) => {
      const v = await this.versionOf(caller, name, version, m, true);
      this.mustOwn(caller, v);
      if (v.status !== 'draft') {
        throw new ConflictError(
          `version ${version} is published: its cases no longer change (save a new version)`,
          'NOT_DRAFT',
        );
      }
      const patch = { cases: JSON.stringify(cases), lastTest: null };
      await this.repo.updateVersion(m, name, version, patch);
      return { ...v, ...patch };
    });
    return this.full(caller, row);
  }

  // ---- testing and the gate -----------------------------------------------------------------

  private async runCases(compiled: Compiled, cases: FlowTestCase[]): Promise<FlowCaseResult[]> {
    const results: FlowCaseResult[] = [];
    for (const c of cases) {
      const out = await compiled.run(c.input);
      if (out.failure) {
        results.push({
          name: c.name,
          passed: false,
          actual: null,
          error: out.failure.message,
          mismatches: [],
        });
        continue;
      }
      const diff = mismatches(c.expected, out.output);
      results.push({
        name: c.name,
        passed: diff.length === 0,
        actual: out.output,
        error: null,
        mismatches: diff,
      });
    }
    return results;
  }

  async test(caller: Principal, name: string, version: number): Promise<FlowTestReport> {
    const v = await this.versionOf(caller, name, version);
    const cases = parse<FlowTestCase[]>(v.cases, []);
    let results: FlowCaseResult[];
    try {
      results = await this.runCases(this.engine.compile(JSON.parse(v.content)), cases);
    } catch (e) {
      if (!(e instanceof GraphInvalid)) throw e;
      results = cases.map((c) => ({
        name: c.name,
        passed: false,
        actual: null,
        error: e.message,
        mismatches: [],
      }));
    }
    const passedCount = results.filter((r) => r.passed).length;
    const report: FlowTestReport = {
      name,
      version,
      passed: cases.length > 0 && passedCount === cases.length,
      passedCount,
      failedCount: results.length - passedCount,
      results,
      testedAt: new Date().toISOString(),
    };
    if (v.bankId === this.owner(caller) && v.status === 'draft') {
      const { passed, failedCount, testedAt } = report;
      await this.repo.setLastTest(
        name,
        version,
        JSON.stringify({ passed, passedCount, failedCount, testedAt }),
      );
    }
    return report;
  }

  /** The gate: compiles, has cases, every case passes; else 409 `PUBLISH_GATE` naming why. */
  private async gate(v: FlowVersionRow) {
    let compiled: Compiled;
    try {
      compiled = this.engine.compile(JSON.parse(v.content));
    } catch (e) {
      if (e instanceof GraphInvalid) {
        throw new GateRefused(`the graph does not compile: ${e.message}`, { content: [e.message] });
      }
      throw e;
    }
    const cases = parse<FlowTestCase[]>(v.cases, []);
    if (!cases.length) {
      throw new GateRefused('a version needs at least one test case before it is published', {
        cases: ['add at least one test case'],
      });
    }
    const results = await this.runCases(compiled, cases);
    const failed = results.map((r, i) => [r, i] as const).filter(([r]) => !r.passed);
    if (failed.length) {
      const fields: Record<string, string[]> = {};
      for (const [r, i] of failed) {
        fields[`cases.${i}`] = r.error
          ? [`${r.name}: ${r.error}`]
          : r.mismatches.map(
              (d) =>
                `${r.name}: ${d.path} expected ${JSON.stringify(d.before)}, got ${JSON.stringify(d.after)}`,
            );
      }
      throw new GateRefused(
        `${failed.length} of ${cases.length} test cases fail: ${failed.map(([r]) => r.name).join(', ')}`,
        fields,
      );
    }
  }

  /** Separation of duties (四眼原则): whoever wrote a version does not put it live. */
  private notAuthor(caller: Principal, v: Pick<FlowVersionRow, 'authorId' | 'version'>) {
    if (v.authorId === caller.userId) {
      throw new ForbiddenError(
        `separation of duties: the author of version ${v.version} may not publish it; another person with the publish permission does`,
        'SEPARATION_OF_DUTIES',
      );
    }
  }

  private async lockOwn(m: EntityManager, caller: Principal, name: string): Promise<FlowRow> {
    const own = await this.repo.lockFlow(m, this.owner(caller), name);
    if (!own) {
      const visible = await this.repo.flows(this.visible(caller), name, m);
      if (!visible.length) throw new NotFoundError(`no decision flow ${name}`);
      throw new ConflictError(
        `${name} has no release of yours: save and publish a version of your own first`,
        'NOT_PUBLISHED',
      );
    }
    return own;
  }

  private async setStatus(m: EntityManager, name: string, version: number | null, status: VersionStatus) {
    if (version !== null) await this.repo.updateVersion(m, name, version, { status });
  }

  private async event(
    m: EntityManager,
    caller: Principal,
    f: FlowRow,
    action: FlowReleaseRow['action'],
    version: number,
    note: string,
  ) {
    await this.repo.saveRelease(m, f);
    await this.repo.insertRelease(m, {
      id: randomUUID(),
      bankId: f.bankId,
      name: f.name,
      action,
      version,
      canaryPercent: f.canaryPercent,
      note,
      actorId: caller.userId,
      actorName: caller.displayName.slice(0, 64),
      at: new Date(),
    });
  }

  async publish(
    caller: Principal,
    input: { name: string; version: number; canaryPercent?: number | undefined; note: string },
  ): Promise<FlowDetail> {
    const v = await this.versionOf(caller, input.name, input.version);
    this.mustOwn(caller, v);
    if (v.status !== 'draft') {
      throw new ConflictError(
        `version ${v.version} was published already: roll back to it instead`,
        'NOT_DRAFT',
      );
    }
    this.notAuthor(caller, v);
    await this.gate(v);
    await this.repo.transaction(async (m) => {
      const f = await this.lockOwn(m, caller, input.name);
      const locked = await this.versionOf(caller, input.name, input.version, m, true);
      // the content is immutable; the cases may have changed since the gate: check them again
      if (locked.status !== 'draft')
        throw new ConflictError(`version ${v.version} was published already`, 'NOT_DRAFT');
      if (locked.cases !== v.cases) await this.gate(locked);
      if (f.canaryVersion !== null) {
        throw new ConflictError(
          `version ${f.canaryVersion} runs as a canary: promote or abort it first`,
          'CANARY_RUNNING',
        );
      }
      const now = new Date();
      const published = {
        publishedAt: now,
        publishedById: caller.userId,
        publishedByName: caller.displayName.slice(0, 64),
      };
      if (input.canaryPercent !== undefined) {
        if (f.stableVersion === null) {
          throw new ConflictError('a canary runs beside a stable version: publish one first', 'NO_STABLE');
        }
        await this.repo.updateVersion(m, input.name, input.version, { ...published, status: 'canary' });
        f.canaryVersion = input.version;
        f.canaryPercent = input.canaryPercent;
        await this.event(m, caller, f, 'canary', input.version, input.note);
      } else {
        await this.setStatus(m, input.name, f.stableVersion, 'retired');
        await this.repo.updateVersion(m, input.name, input.version, { ...published, status: 'stable' });
        f.stableVersion = input.version;
        await this.event(m, caller, f, 'publish', input.version, input.note);
      }
    });
    return this.get(caller, input.name);
  }

  async canary(
    caller: Principal,
    input: { name: string; action: 'set' | 'promote' | 'abort'; percent?: number | undefined; note: string },
  ): Promise<FlowDetail> {
    if (input.action === 'set' && input.percent === undefined) {
      throw new InputError('invalid input', { percent: ['the canary’s new percent (1-99) is required'] });
    }
    await this.repo.transaction(async (m) => {
      const f = await this.lockOwn(m, caller, input.name);
      const canary = f.canaryVersion;
      if (canary === null) throw new ConflictError(`no canary of ${input.name} runs`, 'NO_CANARY');
      if (input.action === 'set') {
        f.canaryPercent = input.percent!;
        await this.event(m, caller, f, 'canary', canary, input.note);
      } else if (input.action === 'promote') {
        this.notAuthor(caller, await this.versionOf(caller, input.name, canary, m));
        await this.setStatus(m, input.name, f.stableVersion, 'retired');
        await this.setStatus(m, input.name, canary, 'stable');
        f.stableVersion = canary;
        f.canaryVersion = null;
        f.canaryPercent = 0;
        await this.event(m, caller, f, 'promote', canary, input.note);
      } else {
        await this.setStatus(m, input.name, canary, 'retired');
        f.canaryVersion = null;
        f.canaryPercent = 0;
        await this.event(m, caller, f, 'abort', canary, input.note);
      }
    });
    return this.get(caller, input.name);
  }

  /** An earlier published version of the caller's own answers again; a running canary stops. */
  async rollback(
    caller: Principal,
    input: { name: string; toVersion: number; note: string },
  ): Promise<FlowDetail> {
    await this.repo.transaction(async (m) => {
      const f = await this.lockOwn(m, caller, input.name);
      const target = await this.versionOf(caller, input.name, input.toVersion, m);
      this.mustOwn(caller, target);
      if (target.publishedAt === null) {
        throw new ConflictError(
          `version ${input.toVersion} was never published: publish it through the gate`,
          'NOT_PUBLISHED',
        );
      }
      if (target.version === f.stableVersion && f.canaryVersion === null) {
        throw new ConflictError(`version ${input.toVersion} is the stable version already`, 'ALREADY_STABLE');
      }
      if (f.canaryVersion !== null && f.canaryVersion !== target.version) {
        await this.setStatus(m, input.name, f.canaryVersion, 'retired');
      }
      if (f.stableVersion !== target.version) await this.setStatus(m, input.name, f.stableVersion, 'retired');
      await this.setStatus(m, input.name, target.version, 'stable');
      f.stableVersion = target.version;
      f.canaryVersion = null;
      f.canaryPercent = 0;
      await this.event(m, caller, f, 'rollback', target.version, input.note);
    });
    return this.get(caller, input.name);
  }

  // ---- simulation and diff ------------------------------------------------------------------

  async simulate(
    caller: Principal,
    input: { name: string; version: number; input: Record<string, unknown> },
  ): Promise<SimulateResult> {
    const l = await this.load(input.name, input.version, this.visible(caller));
    const t0 = performance.now();
    const out = await l.compiled.run(input.input);
    return {
      name: input.name,
      version: input.version,
      hash: l.hash,
      output: out.output,
      error: out.failure?.message ?? null,
      trace: out.trace,
      latencyMs: Math.round((performance.now() - t0) * 1000) / 1000,
    };
  }

  async diff(caller: Principal, name: string, from: number, to: number): Promise<FlowDiff> {
    const [a, b] = await Promise.all([this.versionOf(caller, name, from), this.versionOf(caller, name, to)]);
    const doc = (v: FlowVersionRow) => ({
      version: v.version,
      content: JSON.parse(v.content),
      features: parse<string[]>(v.features, []),
    });
    return diffGraphs(name, doc(a), doc(b));
  }

  // ---- deciding -----------------------------------------------------------------------------

  /** The version that answers a bank: its own stable release, else the union's (and the canary). */
  private async pick(bankId: string, name: string, subjectRef: string | null) {
    const rows = await this.repo.releases(bankId, name, UNION);
    const rel =
      rows.find((f) => f.bankId === bankId && bankId !== UNION && f.stableVersion !== null) ??
      rows.find((f) => f.bankId === UNION && f.stableVersion !== null);
    if (!rel || rel.stableVersion === null)
      throw new NotFoundError(`no published version of decision flow ${name}`);
    const canary =
      subjectRef !== null &&
      rel.canaryVersion !== null &&
      rel.canaryPercent > 0 &&
      bucketOf(sha256(`${name}\n${subjectRef}`)) < rel.canaryPercent;
    return { owner: rel.bankId, version: canary ? rel.canaryVersion! : rel.stableVersion, canary };
  }

  async compile(bankId: string, name: string, version?: number): Promise<CompiledFlow> {
    const owners = bankId === UNION ? [UNION] : [bankId, UNION];
    const v = version ?? (await this.pick(bankId, name, null)).version;
    const l = await this.load(name, v, owners);
    return {
      name,
      version: v,
      hash: l.hash,
      features: l.features,
      evaluate: (input) => l.compiled.evaluate(input),
    };
  }

  async decide(
    caller: Principal,
    q: { name: string; subjectRef: string; input: Record<string, unknown>; asOf?: Date | undefined },
    opts: DecideOptions = {},
  ): Promise<Decided> {
    const t0 = performance.now();
    if (q.subjectRef.length === 0 || q.subjectRef.length > 128) {
      throw new InputError('invalid input', { subjectRef: ['must be 1 to 128 characters'] });
    }
    const picked = await this.pick(caller.bankId, q.name, q.subjectRef);
    const l = await this.load(q.name, picked.version, [picked.owner]);
    const asOf = q.asOf ?? new Date();
    const snapshot: Record<string, FeatureValue> = l.features.length
      ? await this.features.snapshot(caller, { subjectRef: q.subjectRef, names: l.features, asOf })
      : {};
    const out = await l.compiled.run(l.features.length ? { ...q.input, features: snapshot } : q.input);
    if (out.failure) {
      if (out.failure.badInput) throw new InputError('invalid input', { input: [out.failure.message] });
      // a plain Error: logged in full by the runtime, answered as a bare 500 without the graph's internals
      throw new Error(`decision flow ${q.name} v${picked.version} failed: ${out.failure.message}`);
    }
    if (!isRecord(out.output))
      throw new Error(`decision flow ${q.name} v${picked.version} answered no object`);
    const output = out.output;
    const outcome = opts.outcomeOf ? (opts.outcomeOf(output) ?? '') : verdictOf(output);
    const latencyUs = Math.round((performance.now() - t0) * 1000);
    let runId: string | null = null;
    if (opts.store !== false) {
      const row: DecisionRunRow = {
        id: randomUUID(),
        ...ownedBy(caller),
        graphKey: q.name,
        graphVersion: picked.version,
        flowHash: l.hash,
        subjectRef: q.subjectRef,
        outcome,
        input: JSON.stringify(q.input),
        features: JSON.stringify(snapshot),
        asOf,
        output: JSON.stringify(output),
        reasons: JSON.stringify(Array.isArray(output.reasons) ? output.reasons : []),
        trace: JSON.stringify(out.trace),
        latencyUs,
        canary: picked.canary,
        requestedBy: caller.userId,
        requestedByName: caller.displayName.slice(0, 64),
        createdAt: new Date(),
      };
      await this.repo.insertRun(row);
      runId = row.id;
    }
    return {
      runId,
      name: q.name,
      version: picked.version,
      hash: l.hash,
      output,
      latencyMs: latencyUs / 1000,
    };
  }

  // ---- runs and replay ----------------------------------------------------------------------

  private runSummary(
    r: Pick<
      DecisionRunRow,
      | 'id'
      | 'graphKey'
      | 'graphVersion'
      | 'flowHash'
      | 'subjectRef'
      | 'outcome'
      | 'latencyUs'
      | 'canary'
      | 'requestedByName'
      | 'createdAt'
    >,
  ): FlowRunSummary {
    return {
      id: r.id,
      name: r.graphKey,
      version: r.graphVersion,
      hash: r.flowHash,
      subjectRef: r.subjectRef,
      outcome: r.outcome || null,
      latencyMs: r.latencyUs / 1000,
      canary: Boolean(r.canary),
      requestedByName: r.requestedByName,
      createdAt: r.createdAt.toISOString(),
    };
  }

  async runs(
    caller: Principal,
    q: { name?: string | undefined; subjectRef?: string | undefined; page: number; pageSize: number },
  ) {
    const { items, total } = await this.repo.listRuns(caller, q);
    return { items: items.map((r) => this.runSummary(r)), total, page: q.page, pageSize: q.pageSize };
  }

  private async runRow(caller: Principal, id: string) {
    const row = await this.repo.run(caller, id);
    if (!row) throw new NotFoundError('decision run not found');
    return row;
  }

  async run(caller: Principal, id: string): Promise<FlowRun> {
    const r = await this.runRow(caller, id);
    return {
      ...this.runSummary(r),
      input: parse(r.input, {}),
      features: parse(r.features, {}),
      asOf: (r.asOf ?? r.createdAt).toISOString(),
      output: parse(r.output, null),
      trace: stepsOf(r.trace),
    };
  }

  /** A stored run's input and feature snapshot on another version: both outputs, what changed. */
  async replay(caller: Principal, id: string, version: number): Promise<ReplayResult> {
    const r = await this.runRow(caller, id);
    const l = await this.load(r.graphKey, version, this.visible(caller));
    const input = parse<Record<string, unknown>>(r.input, {});
    const features = parse<Record<string, FeatureValue>>(r.features, {});
    const out = await l.compiled.run(
      l.features.length || Object.keys(features).length ? { ...input, features } : input,
    );
    const before = parse<unknown>(r.output, null);
    const diff = out.failure ? [] : changes(before, out.output);
    return {
      runId: r.id,
      name: r.graphKey,
      from: { version: r.graphVersion, hash: r.flowHash, output: before },
      to: {
        version,
        hash: l.hash,
        output: out.output,
        error: out.failure?.message ?? null,
        trace: out.trace,
      },
      changes: diff,
      same: !out.failure && diff.length === 0,
    };
  }

  /** The union's published versions, as the legacy `/graphs` list shows them. */
  async graphs(): Promise<DecisionGraphT[]> {
    const rows = await this.repo.publishedUnion(UNION);
    return rows.map((g) => ({
      key: g.name,
      version: g.version,
      title: g.title,
      active: g.status === 'stable',
      createdAt: g.createdAt.toISOString(),
    }));
  }
}
