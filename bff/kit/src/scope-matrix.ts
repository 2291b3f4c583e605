/**
 * The generated security matrix (`bff/gateway/test/scope-matrix.test.ts`) is product-wide; each
 * domain plugs its endpoints into it from `bff/<domain>/test/scope.matrix.ts`, exporting
 * `matrix: ScopeMatrixPlugin`: how each of its endpoints is checked, the records it makes as the
 * demo users, and (optionally) what must not change when a mutation is refused.
 */
import type { Principal } from '@zhanye/contracts';

export type MatrixInput = Record<string, unknown>;

/** A record made for the matrix, with the scope columns of the demo user who made it. */
export interface MatrixFixture {
  /** Which kind of record (`customer`, `lead`, ...): mappings name the kinds they aim at. */
  kind: string;
  id: string;
  owner: string;
  ownerId: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  name: string;
}

/** How one endpoint is checked. */
export type MatrixMapping =
  /** GET one record by `:id`: 200 in scope, 404 outside it. */
  | { kind: 'read'; targets: string[] }
  /**
   * GET of a bank's reference record (a product) that everyone in its bank reads whatever their
   * data scope: 200 in the caller's bank (union readers: every bank), 404 in another.
   */
  | { kind: 'bankRead'; targets: string[]; input: (f: MatrixFixture) => MatrixInput }
  /** GET a page: exactly the records in scope, also under filters aimed at other records. */
  | { kind: 'list'; items: string[]; probes: (fx: MatrixFixture[]) => MatrixInput[] }
  /** POST `:id/<verb>`: outside scope 404 and the record unchanged. */
  | { kind: 'transition'; targets: string[]; body: MatrixInput }
  /** POST create; `ref`: the customer it names must be in scope (404 otherwise, nothing written). */
  | { kind: 'create'; ref: 'customer' | null; body: (customerId: string, n: number) => MatrixInput }
  /** The audit log: only the caller's bank's records. */
  | { kind: 'audit' }
  /** Not tenant data (the caller's own profile, decision graphs, the chain check). */
  | { kind: 'global'; input?: MatrixInput }
  /** Union-wide by design (registry, banks, the menu tree): permission only. */
  | { kind: 'union'; input: MatrixInput }
  /**
   * A release operation of the union's release managers: holders of the permission in the union are
   * let through; in a bank, `bankLevel` (403: union-wide operation; 404: a rule for another bank).
   */
  | { kind: 'release'; input: MatrixInput; bankLevel: 403 | 404 }
  /** An admin list: items of the caller's bank (or shared, `bankId` null); probes naming another bank 404. */
  | { kind: 'tenantList'; probes: MatrixInput[] }
  /**
   * An admin change: aimed at another bank's record (`foreign`), 404 and nothing changes; `own`, when
   * given, is a harmless change in the caller's bank that must work.
   */
  | { kind: 'tenantWrite'; foreign: () => MatrixInput; own?: () => MatrixInput }
  /** The audit export: CSV rows of the caller's bank only. */
  | { kind: 'auditExport' }
  /** The caller's own account; `foreign` aims at another user's session (404, nothing changes). */
  | { kind: 'self'; input?: MatrixInput; foreign?: (caller: string) => MatrixInput };

export interface MatrixSession {
  name: string;
  user: Principal;
}

/** What a plugin's hooks may use: requests as a demo user, and the fixtures made so far. */
export interface MatrixContext {
  session(name: string): MatrixSession;
  /** Sends `<METHOD> /api/<domain><path>` as the user; throws unless it answers 200. */
  ok(who: MatrixSession, key: string, input: MatrixInput): Promise<Record<string, unknown>>;
  /** The body a `create` mapping makes for a customer. */
  createBody(key: string, customerId: string): MatrixInput;
  fixtures: MatrixFixture[];
  /** The user's own fixture of a kind (made earlier by this or another domain). */
  own(who: string, kind: string): MatrixFixture | undefined;
  add(who: string, kind: string, id: string, name: string): void;
  /** A fresh resident id number, unique in the run. */
  idNumber(): string;
  /** SQL on a service's own database (to set up what no endpoint makes, or to read an id). */
  query(service: string, sql: string, params?: unknown[]): Promise<unknown>;
}

export interface ScopeMatrixPlugin {
  /** Keyed by `<METHOD> /api/<domain><path>`; every endpoint of the domain needs an entry. */
  mappings: Record<string, MatrixMapping>;
  /** Domains whose fixtures this domain's fixtures refer to (made first). */
  after?: string[];
  /** Makes this domain's records as a demo user (am1, am2 and bam1 each make a set). */
  fixtures?(ctx: MatrixContext, who: string): Promise<void>;
  /** Runs once after every domain made its fixtures. */
  setup?(ctx: MatrixContext): Promise<void>;
  /** What refused mutations must leave as it was, as the records' own readers see it. */
  states?(ctx: MatrixContext): Promise<Record<string, unknown>>;
  /** Changes by in-scope users that must work (so the 404s are about scope). */
  inScope?(ctx: MatrixContext): Promise<void>;
}
