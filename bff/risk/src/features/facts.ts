import type { EntityManager } from 'typeorm';

/** The fact tables and the columns a fact brings beside (bank, seq, fact id, at). */
export const FACT_COLUMNS = {
  rm_fact_txn: ['amount_fen', 'direction', 'channel'],
  rm_fact_bureau: ['query_count', 'overdue_count', 'max_overdue_months', 'debt_fen'],
  rm_fact_tax: ['period', 'income_fen', 'tax_paid_fen'],
  rm_fact_utility: ['kind', 'billed_fen', 'paid_fen', 'arrears_fen'],
  rm_fact_court: ['kind', 'role', 'amount_fen', 'status'],
  rm_fact_credit: ['kind', 'application_id', 'amount_fen'],
} as const;
export type FactTable = keyof typeof FACT_COLUMNS;

/**
 * The customer's seq in the bank's read model; a customer first seen in an event or a feed gets
 * the bank's next seq (the counter row is locked, so two copies never give the same one) and a row
 * at the bank's root org until a customer event says more.
 */
export async function customerSeq(m: EntityManager, bankId: string, customerRef: string): Promise<number> {
  const found = (await m.query('SELECT seq FROM rm_customer WHERE bank_id = ? AND customer_ref = ?', [
    bankId,
    customerRef,
  ])) as { seq: number }[];
  if (found[0]) return Number(found[0].seq);
  await m.query(
    'INSERT IGNORE INTO rm_bank_seq (bank_id, last_seq) SELECT ?, COALESCE(MAX(seq), 0) FROM rm_customer WHERE bank_id = ?',
    [bankId, bankId],
  );
  const [{ last_seq }] = (await m.query('SELECT last_seq FROM rm_bank_seq WHERE bank_id = ? FOR UPDATE', [
    bankId,
  ])) as [{ last_seq: number }];
  // another transaction may have added this customer while this one waited for the lock
  const again = (await m.query('SELECT seq FROM rm_customer WHERE bank_id = ? AND customer_ref = ?', [
    bankId,
    customerRef,
  ])) as { seq: number }[];
  if (again[0]) return Number(again[0].seq);
  const seq = Number(last_seq) + 1;
  await m.query('UPDATE rm_bank_seq SET last_seq = ? WHERE bank_id = ?', [seq, bankId]);
  await m.query(
    `INSERT INTO rm_customer (bank_id, seq, customer_ref, org_id, org_path, owner_id, region_code, birth_year,
       segment, created_at, updated_at)
     VALUES (?, ?, ?, '', ?, '', '', NULL, 'other', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    [bankId, seq, customerRef, `/${bankId}/`],
  );
  return seq;
}

/** Records one fact; the same fact id (and event time) again changes nothing. Returns whether it was new. */
export async function recordFact(
  m: EntityManager,
  table: FactTable,
  fact: {
    bankId: string;
    customerRef: string;
    factId: string;
    at: Date;
    values: Record<string, string | number | null>;
  },
): Promise<boolean> {
  const seq = await customerSeq(m, fact.bankId, fact.customerRef);
  const cols = FACT_COLUMNS[table] as readonly string[];
  const res = (await m.query(
    `INSERT IGNORE INTO ${table} (bank_id, seq, fact_id, at, ${cols.join(', ')})
     VALUES (?, ?, ?, ?, ${cols.map(() => '?').join(', ')})`,
    [fact.bankId, seq, fact.factId, fact.at, ...cols.map((c) => fact.values[c] ?? null)],
  )) as { affectedRows?: number };
  return (res.affectedRows ?? 0) > 0;
}
