/**
 * How the parts of the risk service use each other. Each part lives in its own folder with a
 * `create<Part>()` factory returning its routes, internal answers and the port below; `app.ts`
 * wires them. A part reaches another only through these ports (never another service's tables).
 */
import type { FeatureValue, Principal } from '@zhanye/contracts';
import type { InternalHandler, Logger, Route } from '@zhanye/kit';
import type { DataSource, EntitySchema, MigrationInterface } from 'typeorm';

/** What every part is built from. */
export interface PartDeps {
  ds: DataSource;
  log: Logger;
}

/** What every part hands to `app.ts`. */
export interface RiskPart<P> {
  routes: Route[];
  internal?: InternalHandler[];
  port: P;
}

/** A part's tables: its TypeORM entities and its migrations (timestamps keep each part's order). */
export interface PartSchema {
  entities: EntitySchema[];
  migrations: (new () => MigrationInterface)[];
}

/**
 * The feature factory (特征工厂): a subject's features as they were at `asOf`, for a live decision
 * (and a replayed one sees the snapshot stored with its run). Unknown names are refused with
 * their names (409 `UNKNOWN_FEATURE`), never answered with nulls.
 */
export interface Features {
  snapshot(
    caller: Principal,
    q: { subjectRef: string; names: string[]; asOf: Date },
  ): Promise<Record<string, FeatureValue>>;
}

/** An inclusive range of the dense per-bank `rm_customer.seq`, for chunking. */
export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

/**
 * The feature factory, set-based (R3): the named features of every customer of the bank in the
 * seq range, as of a date, keyed by customer ref. The batch part (`batch/`) uses it.
 */
export interface BatchFeatures {
  batch(
    bankId: string,
    range: SeqRange,
    names: string[],
    asOf: string,
  ): Promise<Map<string, Record<string, FeatureValue>>>;
}

/** A flow version compiled for batch work: the raw engine, no trace, nothing stored. */
export interface CompiledFlow {
  name: string;
  version: number;
  /** SHA-256 (hex) of the version's JDM content. */
  hash: string;
  /** The features the version declares (the batch resolves them set-based and passes them in). */
  features: string[];
  /** The graph's input with the features under `features` (when the version declares any). */
  evaluate(input: Record<string, unknown>): Promise<unknown>;
}

/** What a decision by name answers (`svc.risk.decide`). */
export interface Decided {
  /** The stored run (null only when asked not to store: a preview). */
  runId: string | null;
  name: string;
  version: number;
  hash: string;
  output: Record<string, unknown>;
  latencyMs: number;
}

export interface DecideOptions {
  /** false: evaluate only, nothing stored (a preview). Default true. */
  store?: boolean;
  /**
   * The run's verdict as the console lists it (pass, refer, refuse); may throw when the output is
   * not what the caller's contract expects (a broken graph: nothing is stored). Default: the
   * output's `outcome` when it is a verdict, else none.
   */
  outcomeOf?: (output: Record<string, unknown>) => string | null;
}

/** Decision flows (`flows/`): other parts decide by name and compile versions through it. */
export interface Flows {
  /**
   * The version answering for `bankId` (its own stable release, else the union's; `version` pins
   * one visible to the bank), compiled and cached per (name, version). 404 unknown name/version.
   */
  compile(bankId: string, name: string, version?: number): Promise<CompiledFlow>;
  /** A live decision, stored as a run (see `svc.risk.decide`). */
  decide(
    caller: Principal,
    q: { name: string; subjectRef: string; input: Record<string, unknown>; asOf?: Date },
    opts?: DecideOptions,
  ): Promise<Decided>;
}
