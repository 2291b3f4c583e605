import { randomUUID } from 'node:crypto';
import {
  type AuthorityLevel,
  type AuthorityRule,
  type CreateLpr,
  compareMoney,
  type GuaranteeType,
  type LprRate,
  type LprTenor,
  MoneyDecimal,
  type Principal,
  type ProcessRule,
  type Product,
  type ProductTerms,
  priceCall,
  type RateBasis,
  toFen,
} from '@zhanye/contracts';
import {
  type Bus,
  ConflictError,
  callService,
  Deadline,
  InputError,
  NotFoundError,
  transactionBefore,
} from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  type CatalogueRepository,
  type ProductRecord,
  publicProduct,
  type RuleTable,
  type TableKind,
} from './catalogue.repository.ts';
import { NO_MATCH, type ProcessAnswer, type ProcessCase, type ProcessTables } from './process.table.ts';
import { defaultAuthorityRules, defaultProcessRules, SYSTEM, standardProducts } from './standard.ts';

const CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

/** A post as a principal carries it (`approver`), also when written as its id (`p-approver`). */
export const postCode = (post: string) => post.trim().replace(/^p-/, '').replace(/-/g, '_');

/** Today in China (the LPR in force is the one of the Chinese calendar day). */
export const chinaToday = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);

type Fields = Record<string, string[]>;
const add = (f: Fields, key: string, msg: string) => {
  f[key] = [...(f[key] ?? []), msg];
};
const fail = (f: Fields) => {
  if (Object.keys(f).length) throw new InputError('invalid input', f);
};

/** What a product's terms must satisfy beyond their shape (400 with field messages). */
export function checkTerms(t: ProductTerms): void {
  const f: Fields = {};
  if (compareMoney(t.minAmount, t.maxAmount) > 0) add(f, 'maxAmount', 'must not be below the minimum amount');
  if (t.minTermMonths > t.maxTermMonths) add(f, 'maxTermMonths', 'must not be below the minimum term');
  if (t.floorBps > t.ceilingBps) add(f, 'ceilingBps', 'must not be below the floor');
  if (new Set(t.guaranteeTypes).size !== t.guaranteeTypes.length) add(f, 'guaranteeTypes', 'listed twice');
  if (new Set(t.repaymentMethods).size !== t.repaymentMethods.length)
    add(f, 'repaymentMethods', 'listed twice');
  const keys = new Set<string>();
  t.investigationForm.forEach((field, i) => {
    if (keys.has(field.key)) add(f, `investigationForm.${i}.key`, 'used by another field');
    keys.add(field.key);
    if (field.type === 'select' && !field.options?.length)
      add(f, `investigationForm.${i}.options`, 'required');
  });
  fail(f);
}

function checkProcessRows(rows: ProcessRule[]): ProcessRule[] {
  const f: Fields = {};
  rows.forEach((r, i) => {
    r.productCodes.forEach((c, j) => {
      if (c !== '*' && !CODE.test(c)) add(f, `rows.${i}.productCodes.${j}`, 'a product code or *');
    });
    if (r.minAmount !== null && r.maxAmount !== null && compareMoney(r.minAmount, r.maxAmount) > 0) {
      add(f, `rows.${i}.maxAmount`, 'must not be below the minimum amount');
    }
  });
  fail(f);
  return rows;
}

function checkAuthorityRows(rows: AuthorityRule[]): AuthorityRule[] {
  const f: Fields = {};
  const seen = new Set<string>();
  const out = rows.map((r, i) => {
    const row = { ...r, post: postCode(r.post) };
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(row.post)) add(f, `rows.${i}.post`, 'a post code, e.g. approver');
    if (row.productCode !== '*' && !CODE.test(row.productCode)) {
      add(f, `rows.${i}.productCode`, 'a product code or *');
    }
    const key = `${row.post}|${row.orgLevel}|${row.productCode}`;
    if (seen.has(key)) add(f, `rows.${i}.productCode`, 'another row has the same post, level and product');
    seen.add(key);
    return row;
  });
  fail(f);
  return out;
}

const who = (caller: Principal) => ({ userId: caller.userId, name: caller.displayName });

/** Products, the LPR, pricing, the process-mode and authority tables: the rules. */
export class CatalogueService {
  private readonly seeded = new Set<string>();

  constructor(
    private readonly ds: DataSource,
    private readonly bus: Bus,
    private readonly repo: CatalogueRepository,
    private readonly processTables: ProcessTables,
  ) {}

  /**
   * The union's standard catalogue and default tables, given to a bank on its first use: once
   * (a claimed row per bank, in the same transaction as what it gives), however many copies run.
   */
  async ensureSeeded(bankId: string): Promise<void> {
    if (this.seeded.has(bankId)) return;
    await this.ds.transaction(async (m) => {
      const at = new Date();
      if (!(await this.repo.claimSeed(m, bankId, at))) return;
      for (const { code, ...terms } of standardProducts) {
        const id = randomUUID();
        await this.repo.insertProduct(m, { id, bankId, code, at });
        await this.repo.insertVersion(m, { productId: id, version: 1, bankId, terms, by: SYSTEM, at });
      }
      const table = { bankId, version: 1, active: true, note: '省联社默认', by: SYSTEM, at };
      await this.repo.insertTable(m, { ...table, kind: 'process', rows: defaultProcessRules });
      await this.repo.insertTable(m, { ...table, kind: 'authority', rows: defaultAuthorityRules });
    });
    this.seeded.add(bankId);
  }

  /** The union's staff read every bank and keep no catalogue of their own: nothing is made for them. */
  private async bankOf(caller: Principal): Promise<string> {
    if (caller.dataScope !== 'all') await this.ensureSeeded(caller.bankId);
    return caller.bankId;
  }

  // ---- products

  async listProducts(caller: Principal, status: 'active' | 'retired' | 'all'): Promise<Product[]> {
    return (await this.repo.listProducts(await this.bankOf(caller), status)).map(publicProduct);
  }

  /** In the caller's bank (any bank for the union's readers); 404 otherwise. */
  async product(caller: Principal, id: string, version?: number): Promise<ProductRecord> {
    const bank = caller.dataScope === 'all' ? null : await this.bankOf(caller);
    const p = await this.repo.findProduct(id, bank, version);
    if (!p) throw new NotFoundError(version === undefined ? 'no such product' : 'no such product version');
    return p;
  }

  async versions(caller: Principal, id: string): Promise<Product[]> {
    const bank = caller.dataScope === 'all' ? null : await this.bankOf(caller);
    const items = await this.repo.productVersions(id, bank);
    if (!items.length) throw new NotFoundError('no such product');
    return items.map(publicProduct);
  }

  async createProduct(
    caller: Principal,
    input: ProductTerms & { code: string },
    deadline: Deadline,
  ): Promise<ProductRecord> {
    const { code, ...terms } = input;
    checkTerms(terms);
    const bankId = await this.bankOf(caller);
    const id = randomUUID();
    await transactionBefore(this.ds, deadline, async (m) => {
      if (await this.repo.codeTaken(m, bankId, code)) {
        throw new ConflictError(`the bank already has a product ${code}`, 'DUPLICATE_CODE');
      }
      const at = new Date();
      await this.repo.insertProduct(m, { id, bankId, code, at });
      await this.repo.insertVersion(m, { productId: id, version: 1, bankId, terms, by: who(caller), at });
    });
    return (await this.repo.findProduct(id, bankId))!;
  }

  /** A new version of the terms; 409 when `baseVersion` is not the current one (someone revised it since). */
  async reviseProduct(
    caller: Principal,
    input: ProductTerms & { id: string; baseVersion: number },
    deadline: Deadline,
  ): Promise<{ before: ProductRecord; after: ProductRecord }> {
    const { id, baseVersion, ...terms } = input;
    checkTerms(terms);
    const bankId = await this.bankOf(caller);
    const before = await transactionBefore(this.ds, deadline, async (m) => {
      const cur = await this.lockProduct(m, id, bankId);
      if (cur.status === 'retired') throw new ConflictError('the product is retired', 'PRODUCT_RETIRED');
      if (cur.currentVersion !== baseVersion) {
        throw new ConflictError(
          `the product is at version ${cur.currentVersion}, not ${baseVersion}: reload and revise again`,
          'STALE_VERSION',
        );
      }
      const at = new Date();
      const version = cur.currentVersion + 1;
      await this.repo.insertVersion(m, { productId: id, version, bankId, terms, by: who(caller), at });
      await this.repo.setCurrentVersion(m, id, version, at);
      return cur;
    });
    return { before, after: (await this.repo.findProduct(id, bankId))! };
  }

  async retireProduct(
    caller: Principal,
    id: string,
    deadline: Deadline,
  ): Promise<{ before: ProductRecord; after: ProductRecord }> {
    const bankId = await this.bankOf(caller);
    const before = await transactionBefore(this.ds, deadline, async (m) => {
      const cur = await this.lockProduct(m, id, bankId);
      if (cur.status === 'retired')
        throw new ConflictError('the product is already retired', 'PRODUCT_RETIRED');
      await this.repo.retire(m, id, new Date());
      return cur;
    });
    return { before, after: (await this.repo.findProduct(id, bankId))! };
  }

  private async lockProduct(m: EntityManager, id: string, bankId: string): Promise<ProductRecord> {
    const cur = await this.repo.findProduct(id, bankId, undefined, m, true);
    if (!cur) throw new NotFoundError('no such product');
    return cur;
  }

  // ---- LPR

  async lpr(caller: Principal, today = chinaToday()) {
    const items = await this.repo.listLpr(caller.bankId);
    const inForce = (tenor: LprTenor) =>
      items.find((r) => r.tenor === tenor && r.effectiveDate <= today) ?? null;
    return { items, current: { '1Y': inForce('1Y'), '5Y': inForce('5Y') } };
  }

  async createLpr(caller: Principal, input: z.infer<typeof CreateLpr>, deadline: Deadline): Promise<LprRate> {
    const f: Fields = {};
    const d = new Date(`${input.effectiveDate}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== input.effectiveDate) {
      add(f, 'effectiveDate', 'not a date');
    }
    if (new MoneyDecimal(input.ratePct).lte(0)) add(f, 'ratePct', 'must be greater than 0');
    fail(f);
    const id = randomUUID();
    await transactionBefore(this.ds, deadline, async (m) => {
      if (await this.repo.lprExists(m, caller.bankId, input.tenor, input.effectiveDate)) {
        throw new ConflictError(
          `the ${input.tenor} LPR of ${input.effectiveDate} is already recorded`,
          'DUPLICATE_LPR',
        );
      }
      await this.repo.insertLpr(m, {
        id,
        bankId: caller.bankId,
        tenor: input.tenor,
        date: input.effectiveDate,
        ratePct: new MoneyDecimal(input.ratePct).toFixed(4),
        by: caller.userId,
        at: new Date(),
      });
    });
    return (await this.repo.listLpr(caller.bankId)).find((r) => r.id === id)!;
  }

  // ---- pricing

  /** LPR(tenor, today) + risk's spread, clamped to the product's floor and ceiling. */
  async quote(
    caller: Principal,
    input: {
      subjectRef: string;
      product: Product;
      amount: string;
      termMonths: number;
      guaranteeType: z.infer<typeof GuaranteeType>;
      segment: string;
      /** Shown before anything is applied for: risk evaluates it without keeping a decision. */
      preview?: boolean;
    },
    deadline: Deadline = Deadline.none,
  ): Promise<{ rate: RateBasis; decisionId: string | null; withinBounds: boolean }> {
    const { product } = input;
    const lpr = (await this.lpr(caller)).current[product.lprTenor];
    if (!lpr) throw new ConflictError(`no ${product.lprTenor} LPR is in force today`, 'NO_LPR');
    const priced = await callService(
      this.bus,
      priceCall,
      {
        subjectRef: input.subjectRef,
        productCode: product.code,
        productKind: product.kind,
        amountFen: toFen(input.amount),
        termMonths: input.termMonths,
        guaranteeType: input.guaranteeType,
        segment: input.segment,
        preview: input.preview ?? false,
      },
      caller,
      'credit',
      { deadline },
    );
    const spreadBps = Math.min(Math.max(priced.spreadBps, product.floorBps), product.ceilingBps);
    const ratePct = new MoneyDecimal(lpr.ratePct).plus(new MoneyDecimal(spreadBps).div(100)).toFixed(4);
    return {
      rate: {
        lprTenor: product.lprTenor,
        lprDate: lpr.effectiveDate,
        lprPct: lpr.ratePct,
        spreadBps,
        ratePct,
      },
      decisionId: priced.decisionId,
      withinBounds: spreadBps === priced.spreadBps,
    };
  }

  // ---- the process-mode and authority tables

  async tables<R>(caller: Principal, kind: TableKind): Promise<RuleTable<R>[]> {
    return this.repo.tables<R>(await this.bankOf(caller), kind);
  }

  async saveTable(
    caller: Principal,
    kind: TableKind,
    input: { rows: ProcessRule[] | AuthorityRule[]; note: string },
    deadline: Deadline,
  ): Promise<RuleTable<ProcessRule | AuthorityRule>> {
    const rows =
      kind === 'process'
        ? checkProcessRows(input.rows as ProcessRule[])
        : checkAuthorityRows(input.rows as AuthorityRule[]);
    const bankId = await this.bankOf(caller);
    const version = await transactionBefore(this.ds, deadline, async (m) => {
      const all = await this.repo.tables(bankId, kind, m, true);
      const next = (all[0]?.version ?? 0) + 1;
      await this.repo.insertTable(m, {
        bankId,
        kind,
        version: next,
        active: false,
        rows,
        note: input.note,
        by: who(caller),
        at: new Date(),
      });
      return next;
    });
    return (await this.repo.table(bankId, kind, version))!;
  }

  async activateTable<R>(
    caller: Principal,
    kind: TableKind,
    version: number,
    deadline: Deadline,
  ): Promise<{ before: number | null; after: RuleTable<R> }> {
    const bankId = await this.bankOf(caller);
    const before = await transactionBefore(this.ds, deadline, async (m) => {
      const all = await this.repo.tables(bankId, kind, m, true);
      if (!all.some((t) => t.version === version)) throw new NotFoundError('no such version of the table');
      await this.repo.activate(m, bankId, kind, version);
      return all.find((t) => t.active)?.version ?? null;
    });
    return { before, after: (await this.repo.table<R>(bankId, kind, version))! };
  }

  /** The active process-mode table's answer (or a given version's, to try one before activating it). */
  async decideMode(
    bankId: string,
    c: ProcessCase,
    version?: number,
    seed = true,
  ): Promise<ProcessAnswer & { version: number }> {
    if (seed) await this.ensureSeeded(bankId);
    const table = await this.repo.table<ProcessRule>(bankId, 'process', version);
    if (!table) {
      if (version !== undefined) throw new NotFoundError('no such version of the table');
      return { ...NO_MATCH, version: 0 };
    }
    const answer = await this.processTables.decide({ bankId, version: table.version }, table.rows, c);
    return { ...answer, version: table.version };
  }

  /**
   * The largest amount any of `posts` may approve at `level` for the product under the active
   * authority table: per post, its row for the product wins over its `*` row; null when none may.
   */
  async authority(
    bankId: string,
    posts: readonly string[],
    level: AuthorityLevel,
    productCode: string,
  ): Promise<string | null> {
    await this.ensureSeeded(bankId);
    const table = await this.repo.table<AuthorityRule>(bankId, 'authority');
    if (!table) return null;
    let best: string | null = null;
    for (const post of new Set(posts.map(postCode))) {
      const rows = table.rows.filter((r) => r.post === post && r.orgLevel === level);
      const row = rows.find((r) => r.productCode === productCode) ?? rows.find((r) => r.productCode === '*');
      if (row && (best === null || compareMoney(row.maxAmount, best) > 0)) best = row.maxAmount;
    }
    return best === null ? null : new MoneyDecimal(best).toFixed(2);
  }
}
