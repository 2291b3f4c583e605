/**
 * How the parts of the credit service use each other. Each part lives in its own folder, exports
 * a factory (`create<Part>`) returning its routes, internal answers, jobs, migrations and the port
 * below, and `app.ts` wires them. A part reaches another only through these ports (and never
 * another service's tables).
 */
import type {
  ApprovalLevel,
  Attachment,
  AuthorityLevel,
  BureauReport,
  GuaranteeType,
  Principal,
  ProcessMode,
  Product,
  RateBasis,
} from '@zhanye/contracts';
import type { Actor, Bus, InternalHandler, JobDef, Logger, Route } from '@zhanye/kit';
import type { DataSource, EntityManager, EntitySchema, MigrationInterface } from 'typeorm';
import type { z } from 'zod';

/** What every part is built from. */
export interface PartDeps {
  ds: DataSource;
  bus: Bus;
  log: Logger;
}

/** What every part hands to `app.ts`. */
export interface CreditPart<P> {
  routes: Route[];
  internal?: InternalHandler[];
  jobs?: JobDef[];
  port: P;
}

/** A part's tables: its TypeORM entities and its migrations (timestamps keep each part's order). */
export interface PartSchema {
  entities: EntitySchema[];
  migrations: (new () => MigrationInterface)[];
}

/** Products, the LPR, pricing, the process-mode and authority tables (`catalogue/`). */
export interface Catalogue {
  /** A product of the caller's bank at its current version, or at `version`; 404 otherwise. */
  product(caller: Principal, productId: string, version?: number): Promise<Product>;
  /** The caller's bank's products on offer, each at its current version. */
  products(caller: Principal): Promise<Product[]>;
  /**
   * The rate for an application: LPR(tenor of the product, today) + the spread of risk's pricing
   * decision, clamped to the product's floor and ceiling (`withinBounds` false when clamped).
   */
  quote(
    caller: Principal,
    input: {
      subjectRef: string;
      product: Product;
      amount: string;
      termMonths: number;
      guaranteeType: z.infer<typeof GuaranteeType>;
      segment: string;
    },
  ): Promise<{ rate: RateBasis; decisionId: string | null; withinBounds: boolean }>;
  /** The active process-mode table's answer for a case. */
  decideMode(
    bankId: string,
    input: {
      productCode: string;
      amount: string;
      guaranteeType: z.infer<typeof GuaranteeType>;
      segment: string;
      prescreen: 'pass' | 'refer';
    },
  ): Promise<{ mode: ProcessMode; approvalLevel: ApprovalLevel; version: number; row: number }>;
  /**
   * The largest amount (decimal string) the active authority table lets any of `posts` approve at
   * `level` for the product (a row for the product wins over `*`); null when none may. `level` is
   * an approval level or `division` (a business division's own chain).
   */
  authority(
    bankId: string,
    posts: readonly string[],
    level: AuthorityLevel,
    productCode: string,
  ): Promise<string | null>;
}

/** Files kept with applications and authorisations (`files/`), in the credit database. */
export interface Files {
  add(
    m: EntityManager,
    caller: Principal,
    owner: {
      kind: 'application' | 'authorization';
      id: string;
      bankId: string;
      orgId: string;
      orgPath: string;
    },
    upload: { kind: Attachment['kind']; filename: string; mime: string; base64: string },
  ): Promise<Attachment>;
  list(owner: { kind: 'application' | 'authorization'; id: string }): Promise<Attachment[]>;
}

/** The credit bureau (`bureau/`): authorisations, queries, reports. */
export interface Bureau {
  /**
   * Queries the bureau for an application's customer: refused (409 `NO_AUTHORIZATION`) without an
   * active authorisation for loan approval valid today; the query is logged (who, why, when, which
   * authorisation) and the report kept. `reason` says why (e.g. "授信申请 SX-...").
   */
  report(
    caller: Principal,
    application: { id: string; customerId: string; bankId: string },
    reason: string,
  ): Promise<BureauReport>;
  /** A kept report. */
  get(id: string): Promise<BureauReport | null>;
}

/** Limits (`limits/`). */
export interface Limits {
  /**
   * Grants the limit of an approved application, in the approval's transaction: a credit limit for
   * its product; within a group (一键多申) of one customer, sub-limits under one comprehensive
   * limit. Returns the limit's id.
   */
  grant(
    m: EntityManager,
    actor: Actor,
    application: {
      id: string;
      groupId: string | null;
      bankId: string;
      orgId: string;
      orgPath: string;
      ownerId: string;
      ownerName: string;
      customerId: string;
      customerName: string;
      productCode: string;
      productName: string;
      amount: string;
      termMonths: number;
    },
  ): Promise<string>;
}
