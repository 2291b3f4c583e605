import type { AuthorityRule, LprRate, LprTenor, ProcessRule, Product, ProductTerms } from '@zhanye/contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;
export type TableKind = 'process' | 'authority';
export interface RuleTable<R> {
  version: number;
  active: boolean;
  rows: R[];
  note: string;
  createdBy: string;
  createdByName: string;
  createdAt: string;
}

const iso = (v: unknown) => new Date(v as string | Date).toISOString();

interface ProductSqlRow {
  id: string;
  bank_id: string;
  code: string;
  status: 'active' | 'retired';
  current_version: number;
  version: number;
  name: string;
  kind: Product['kind'];
  guarantee_types: string;
  min_amount: string;
  max_amount: string;
  min_term_months: number;
  max_term_months: number;
  repayment_methods: string;
  lpr_tenor: LprTenor;
  floor_bps: number;
  ceiling_bps: number;
  investigation_form: string;
  description: string;
  created_by: string;
  created_by_name: string;
  created_at: Date;
}

export interface ProductRecord extends Product {
  bankId: string;
  currentVersion: number;
}

const toProduct = (r: ProductSqlRow): ProductRecord => ({
  id: r.id,
  bankId: r.bank_id,
  code: r.code,
  version: Number(r.version),
  currentVersion: Number(r.current_version),
  status: r.status,
  name: r.name,
  kind: r.kind,
  guaranteeTypes: JSON.parse(r.guarantee_types),
  minAmount: r.min_amount,
  maxAmount: r.max_amount,
  minTermMonths: Number(r.min_term_months),
  maxTermMonths: Number(r.max_term_months),
  repaymentMethods: JSON.parse(r.repayment_methods),
  lprTenor: r.lpr_tenor,
  floorBps: Number(r.floor_bps),
  ceilingBps: Number(r.ceiling_bps),
  investigationForm: JSON.parse(r.investigation_form),
  description: r.description,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: iso(r.created_at),
});

/** Strips what only the service needs from a record before it goes out. */
export const publicProduct = ({ bankId: _b, currentVersion: _c, ...p }: ProductRecord): Product => p;

const PRODUCT_SELECT = `SELECT p.id, p.bank_id, p.code, p.status, p.current_version, v.version, v.name, v.kind,
  v.guarantee_types, v.min_amount, v.max_amount, v.min_term_months, v.max_term_months, v.repayment_methods,
  v.lpr_tenor, v.floor_bps, v.ceiling_bps, v.investigation_form, v.description, v.created_by,
  v.created_by_name, v.created_at
  FROM credit_product p JOIN credit_product_version v ON v.product_id = p.id`;

/** Queries only (SQL kept here so it shows in diffs); the rules live in the service. */
export class CatalogueRepository {
  constructor(private readonly ds: DataSource) {}

  /** Products of a bank at their current version. */
  async listProducts(bankId: string, status: 'active' | 'retired' | 'all'): Promise<ProductRecord[]> {
    const rows: ProductSqlRow[] = await this.ds.query(
      `${PRODUCT_SELECT} AND v.version = p.current_version
       WHERE p.bank_id = ? ${status === 'all' ? '' : 'AND p.status = ?'} ORDER BY p.code`,
      status === 'all' ? [bankId] : [bankId, status],
    );
    return rows.map(toProduct);
  }

  /** A product at its current version or at `version`; `bankId` null: any bank (union readers). */
  async findProduct(
    id: string,
    bankId: string | null,
    version?: number,
    m: Db = this.ds,
    lock = false,
  ): Promise<ProductRecord | null> {
    const rows: ProductSqlRow[] = await m.query(
      `${PRODUCT_SELECT} AND v.version = ${version === undefined ? 'p.current_version' : '?'}
       WHERE p.id = ? ${bankId === null ? '' : 'AND p.bank_id = ?'}${lock ? ' FOR UPDATE' : ''}`,
      [...(version === undefined ? [] : [version]), id, ...(bankId === null ? [] : [bankId])],
    );
    return rows[0] ? toProduct(rows[0]) : null;
  }

  async productVersions(id: string, bankId: string | null): Promise<ProductRecord[]> {
    const rows: ProductSqlRow[] = await this.ds.query(
      `${PRODUCT_SELECT} WHERE p.id = ? ${bankId === null ? '' : 'AND p.bank_id = ?'} ORDER BY v.version DESC`,
      [id, ...(bankId === null ? [] : [bankId])],
    );
    return rows.map(toProduct);
  }

  async codeTaken(m: Db, bankId: string, code: string): Promise<boolean> {
    const rows = await m.query('SELECT 1 FROM credit_product WHERE bank_id = ? AND code = ?', [bankId, code]);
    return rows.length > 0;
  }

  async insertProduct(m: Db, row: { id: string; bankId: string; code: string; at: Date }) {
    await m.query(
      `INSERT INTO credit_product (id, bank_id, code, current_version, status, created_at, updated_at)
       VALUES (?, ?, ?, 1, 'active', ?, ?)`,
      [row.id, row.bankId, row.code, row.at, row.at],
    );
  }

  async insertVersion(
    m: Db,
    v: {
      productId: string;
      version: number;
      bankId: string;
      terms: ProductTerms;
      by: { userId: string; name: string };
      at: Date;
    },
  ) {
    const t = v.terms;
    await m.query(
      `INSERT INTO credit_product_version (product_id, version, bank_id, name, kind, guarantee_types,
         min_amount, max_amount, min_term_months, max_term_months, repayment_methods, lpr_tenor, floor_bps,
         ceiling_bps, investigation_form, description, created_by, created_by_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        v.productId,
        v.version,
        v.bankId,
        t.name,
        t.kind,
        JSON.stringify(t.guaranteeTypes),
        t.minAmount,
        t.maxAmount,
        t.minTermMonths,
        t.maxTermMonths,
        JSON.stringify(t.repaymentMethods),
        t.lprTenor,
        t.floorBps,
        t.ceilingBps,
        JSON.stringify(t.investigationForm),
        t.description,
        v.by.userId,
        v.by.name,
        v.at,
      ],
    );
  }

  async setCurrentVersion(m: Db, id: string, version: number, at: Date) {
    await m.query('UPDATE credit_product SET current_version = ?, updated_at = ? WHERE id = ?', [
      version,
      at,
      id,
    ]);
  }

  async retire(m: Db, id: string, at: Date) {
    await m.query(`UPDATE credit_product SET status = 'retired', updated_at = ? WHERE id = ?`, [at, id]);
  }

  /** Union-wide fixings (`bank_id` '') and the bank's own, newest first. */
  async listLpr(bankId: string): Promise<LprRate[]> {
    const rows: {
      id: string;
      tenor: LprTenor;
      d: string;
      rate_pct: string;
      created_by: string;
      created_at: Date;
    }[] = await this.ds.query(
      `SELECT id, tenor, DATE_FORMAT(effective_date, '%Y-%m-%d') AS d, rate_pct, created_by, created_at
       FROM credit_lpr WHERE bank_id IN ('', ?) ORDER BY effective_date DESC, tenor`,
      [bankId],
    );
    return rows.map((r) => ({
      id: r.id,
      tenor: r.tenor,
      effectiveDate: r.d,
      ratePct: r.rate_pct,
      createdBy: r.created_by,
      createdAt: iso(r.created_at),
    }));
  }

  async lprExists(m: Db, bankId: string, tenor: LprTenor, date: string): Promise<boolean> {
    const rows = await m.query(
      `SELECT 1 FROM credit_lpr WHERE bank_id IN ('', ?) AND tenor = ? AND effective_date = ?`,
      [bankId, tenor, date],
    );
    return rows.length > 0;
  }

  async insertLpr(
    m: Db,
    r: { id: string; bankId: string; tenor: LprTenor; date: string; ratePct: string; by: string; at: Date },
  ) {
    await m.query(
      `INSERT INTO credit_lpr (id, bank_id, tenor, effective_date, rate_pct, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.bankId, r.tenor, r.date, r.ratePct, r.by, r.at],
    );
  }

  async tables<R>(bankId: string, kind: TableKind, m: Db = this.ds, lock = false): Promise<RuleTable<R>[]> {
    const rows: {
      version: number;
      active: number;
      rows_json: string;
      note: string;
      created_by: string;
      created_by_name: string;
      created_at: Date;
    }[] = await m.query(
      `SELECT version, active, rows_json, note, created_by, created_by_name, created_at
       FROM credit_rule_table WHERE bank_id = ? AND kind = ? ORDER BY version DESC${lock ? ' FOR UPDATE' : ''}`,
      [bankId, kind],
    );
    return rows.map((r) => ({
      version: Number(r.version),
      active: Number(r.active) === 1,
      rows: JSON.parse(r.rows_json) as R[],
      note: r.note,
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      createdAt: iso(r.created_at),
    }));
  }

  /** The active version, or a given one. */
  async table<R>(bankId: string, kind: TableKind, version?: number): Promise<RuleTable<R> | null> {
    const all = await this.tables<R>(bankId, kind);
    return all.find((t) => (version === undefined ? t.active : t.version === version)) ?? null;
  }

  async insertTable(
    m: Db,
    t: {
      bankId: string;
      kind: TableKind;
      version: number;
      active: boolean;
      rows: ProcessRule[] | AuthorityRule[];
      note: string;
      by: { userId: string; name: string };
      at: Date;
    },
  ) {
    await m.query(
      `INSERT INTO credit_rule_table (bank_id, kind, version, active, rows_json, note, created_by,
         created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        t.bankId,
        t.kind,
        t.version,
        t.active ? 1 : 0,
        JSON.stringify(t.rows),
        t.note,
        t.by.userId,
        t.by.name,
        t.at,
      ],
    );
  }

  async activate(m: Db, bankId: string, kind: TableKind, version: number) {
    await m.query('UPDATE credit_rule_table SET active = (version = ?) WHERE bank_id = ? AND kind = ?', [
      version,
      bankId,
      kind,
    ]);
  }

  /** Marks the bank as given the standard catalogue; false when it already was. */
  async claimSeed(m: Db, bankId: string, at: Date): Promise<boolean> {
    const res = await m.query('INSERT IGNORE INTO credit_catalogue_seed (bank_id, seeded_at) VALUES (?, ?)', [
      bankId,
      at,
    ]);
    return Number((res as { affectedRows?: number }).affectedRows ?? 0) === 1;
  }
}
