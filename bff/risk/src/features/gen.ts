/**
 * Risk's module of `pnpm gen` (scripts/gen.ts): fills a namespace's read model (rm_customer and
 * the fact tables) with a bank at scale, deterministic per seed: customer `seq` n's rows are a
 * pure function of (seed, bank, n), so the same seed gives the same rows whatever the chunking.
 * Bulk LOAD DATA LOCAL INFILE over a few connections; nothing goes through the API. Every generated
 * fact id starts with `g<seed>-`; the data is SIMULATED (no real customer is behind it).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';

export interface RiskGenOptions {
  bankId: string;
  customers: number;
  seed: number;
  /** Facts are spread over the 365 days before this date (UTC). */
  asOf: Date;
  /** Org paths the generated sub-branches hang under (the bank's real branches). */
  parents: string[];
  /** Generated sub-branches (网点) and managers. */
  branches: number;
  managers: number;
  /** Customers per INSERT statement. */
  chunk?: number;
  /** Statements in flight at once. */
  parallel?: number;
}

export interface RiskGenResult {
  customers: number;
  facts: Record<string, number>;
  ms: number;
}

/** Segments of risk's read model (contracts `RiskSegment`). */
export const GEN_SEGMENTS = ['farmer', 'business', 'salaried', 'micro_enterprise', 'other'] as const;

/** mulberry32: a small fast PRNG; one per customer, seeded from (seed, bank, seq). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The customer id (credit's/customer's id shape, a UUID) of generated customer `seq`: the
 * customer domain's generator module can give its rows the same ids.
 */
export function genCustomerRef(bankId: string, seed: number, seq: number): string {
  const h = createHash('sha1').update(`${bankId}:${seed}:${seq}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const DAY = 86_400_000;
// rows go to LOAD DATA as tab-separated lines: no value holds a tab, newline or backslash
const dt = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

/** The rows of one customer, as tab-separated lines per table (for LOAD DATA). */
function customerRows(o: RiskGenOptions, seq: number, out: Record<string, string[]>) {
  const r = rng(hash32(`${o.bankId}:${o.seed}`) ^ Math.imul(seq, 0x9e3779b1));
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)] as T;
  const line = (...values: (string | number)[]) => values.join('\t');
  const branch = seq % o.branches;
  const parent = o.parents[branch % o.parents.length] as string;
  const orgId = `${o.bankId}-g${String(branch + 1).padStart(3, '0')}`;
  const manager = `${o.bankId}-gm${String((seq % o.managers) + 1).padStart(4, '0')}`;
  const segment = GEN_SEGMENTS[Math.min(GEN_SEGMENTS.length - 1, Math.floor(r() * r() * 6))] as string;
  const end = o.asOf.getTime();
  const at = () => end - int(0, 364) * DAY - int(0, DAY / 1000 - 1) * 1000;
  const region = `52${String(int(1, 99)).padStart(2, '0')}${String(int(1, 30)).padStart(2, '0')}`;
  out.rm_customer!.push(
    line(
      o.bankId,
      seq,
      genCustomerRef(o.bankId, o.seed, seq),
      orgId,
      `${parent}${orgId}/`,
      manager,
      region,
      int(1950, 2004),
      segment,
      dt(end - int(365, 3650) * DAY),
      dt(end),
    ),
  );
  let n = 0;
  const head = () => line(o.bankId, seq, `g${o.seed}-${seq}-${n++}`, dt(at()));
  // income and spending: 1-5 transactions
  const income = int(1_500, 30_000) * 100;
  for (let i = int(1, 5); i > 0; i--) {
    const inflow = r() < 0.55;
    const amount = Math.round((inflow ? income : income * 0.7) * (0.5 + r()));
    const channel = inflow ? (segment === 'salaried' ? 'salary' : 'sales') : r() < 0.5 ? 'transfer' : 'cash';
    out.rm_fact_txn!.push(line(head(), amount, inflow ? 'in' : 'out', channel));
  }
  if (r() < 0.7) {
    const overdue = r() < 0.8 ? 0 : int(1, 6);
    out.rm_fact_bureau!.push(
      line(head(), int(0, 8), overdue, overdue ? int(1, 4) : 0, r() < 0.4 ? 0 : int(1, 500) * 100_000),
    );
  }
  if (r() < 0.3) {
    const h = head();
    const d = new Date(`${h.split('\t')[3]}Z`);
    const yearly = income * 12;
    const period = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    out.rm_fact_tax!.push(line(h, period, yearly, Math.round(yearly * 0.03)));
  }
  if (r() < 0.5) {
    const billed = int(50, 600) * 100;
    const paid = r() < 0.9 ? billed : int(0, billed);
    out.rm_fact_utility!.push(
      line(head(), pick(['electricity', 'water', 'gas']), billed, paid, billed - paid),
    );
  }
  if (r() < 0.02) {
    out.rm_fact_court!.push(
      line(
        head(),
        pick(['lawsuit', 'enforcement', 'dishonest']),
        r() < 0.7 ? 'defendant' : 'plaintiff',
        int(1, 2000) * 10_000,
        r() < 0.5 ? 'open' : 'closed',
      ),
    );
  }
  if (r() < 0.1) {
    const approved = r() < 0.75;
    out.rm_fact_credit!.push(
      line(
        head(),
        approved ? 'approved' : 'rejected',
        `gen-app-${o.seed}-${seq}`,
        approved ? int(1, 50) * 1_000_000 : 0,
      ),
    );
  }
}

const COLUMNS: Record<string, string> = {
  rm_customer:
    'bank_id, seq, customer_ref, org_id, org_path, owner_id, region_code, birth_year, segment, created_at, updated_at',
  rm_fact_txn: 'bank_id, seq, fact_id, at, amount_fen, direction, channel',
  rm_fact_bureau: 'bank_id, seq, fact_id, at, query_count, overdue_count, max_overdue_months, debt_fen',
  rm_fact_tax: 'bank_id, seq, fact_id, at, period, income_fen, tax_paid_fen',
  rm_fact_utility: 'bank_id, seq, fact_id, at, kind, billed_fen, paid_fen, arrears_fen',
  rm_fact_court: 'bank_id, seq, fact_id, at, kind, role, amount_fen, status',
  rm_fact_credit: 'bank_id, seq, fact_id, at, kind, application_id, amount_fen',
};
export const GEN_TABLES = Object.keys(COLUMNS);

interface RawConnection {
  query(opts: { sql: string; infileStreamFactory: () => Readable }, cb: (err: Error | null) => void): void;
}

/** One LOAD DATA LOCAL INFILE of tab-separated lines (several times faster than INSERT ... VALUES). */
function loadRows(conn: RawConnection, table: string, rows: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    conn.query(
      {
        sql: `LOAD DATA LOCAL INFILE 'gen' INTO TABLE ${table} FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (${COLUMNS[table]})`,
        infileStreamFactory: () => Readable.from([Buffer.from(`${rows.join('\n')}\n`)]),
      },
      (err) => (err ? reject(err) : resolve()),
    ),
  );
}

/**
 * Replaces the bank's generated rows (customers `seq` 1..n and their facts) with a fresh set.
 * The rows of customers the bank has from events (outside 1..n) are left alone only if their
 * seq is above n; run it on a namespace of its own.
 */
export async function generateRisk(ds: DataSource, o: RiskGenOptions): Promise<RiskGenResult> {
  const t0 = performance.now();
  const chunk = o.chunk ?? 5000;
  const parallel = o.parallel ?? 2;
  // the bank's rows go first: TRUNCATE when it is the only bank (a DELETE of millions is slow)
  const others = await ds.query('SELECT 1 FROM rm_customer WHERE bank_id <> ? LIMIT 1', [o.bankId]);
  for (const t of [...GEN_TABLES, 'rm_bank_seq']) {
    if (others.length) await ds.query(`DELETE FROM ${t} WHERE bank_id = ?`, [o.bankId]);
    else await ds.query(`TRUNCATE TABLE ${t}`);
  }
  const counts: Record<string, number> = Object.fromEntries(GEN_TABLES.map((t) => [t, 0]));
  let next = 1;
  const worker = async () => {
    const qr = ds.createQueryRunner();
    await qr.connect();
    // the mysql2 connection under TypeORM's query runner: LOAD DATA needs its stream factory
    const conn = (qr as unknown as { databaseConnection: RawConnection }).databaseConnection;
    try {
      await qr.query('SET SESSION max_statement_time = 0, unique_checks = 0, foreign_key_checks = 0');
      // no gap locks between the loaders' disjoint ranges
      await qr.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
      while (next <= o.customers) {
        const from = next;
        const to = Math.min(o.customers, from + chunk - 1);
        next = to + 1;
        const out: Record<string, string[]> = Object.fromEntries(GEN_TABLES.map((t) => [t, []]));
        for (let s = from; s <= to; s++) customerRows(o, s, out);
        for (let attempt = 1; ; attempt++) {
          await qr.startTransaction();
          try {
            for (const t of GEN_TABLES) {
              const rows = out[t] as string[];
              if (rows.length) await loadRows(conn, t, rows);
            }
            await qr.commitTransaction();
            break;
          } catch (e) {
            await qr.rollbackTransaction();
            // two loaders' index pages can still deadlock: the chunk is loaded again
            if ((e as { errno?: number }).errno !== 1213 || attempt >= 5) throw e;
          }
        }
        for (const t of GEN_TABLES) counts[t] = (counts[t] ?? 0) + (out[t] as string[]).length;
      }
    } finally {
      await qr.release();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  await ds.query('INSERT INTO rm_bank_seq (bank_id, last_seq) VALUES (?, ?)', [o.bankId, o.customers]);
  const { rm_customer: customers = 0, ...facts } = counts;
  return { customers, facts, ms: Math.round(performance.now() - t0) };
}
