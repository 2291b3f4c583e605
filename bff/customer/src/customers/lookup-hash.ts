import { createHmac, hkdfSync } from 'node:crypto';
import type { Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';

/** Runs SQL: a data source, a transaction's manager or a migration's query runner. */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const BATCH = 500;

/**
 * Exact search on a customer's resident ID number and mobile number without a substring match:
 * each is stored beside the number as HMAC-SHA256 under a key of the customer service (HKDF from
 * `ZY_CUSTOMER_LOOKUP_KEY`, by default from `ZY_INTERNAL_SECRET`), indexed with the bank. A search
 * hashes the whole number typed and compares: a prefix, a tail or a wrong digit matches nothing,
 * and the columns tell nothing without the key. The key's fingerprint is kept (`lookup_key`) so a
 * changed key is noticed at start and the hashes are computed again (`ensureLookupHashes`).
 */
export class LookupHasher {
  private readonly key: Buffer;
  /** An HMAC of a fixed text: which key the stored hashes were made with. */
  readonly fingerprint: Buffer;

  constructor(material: string) {
    this.key = Buffer.from(hkdfSync('sha256', material, 'zhanye-customer', 'lookup-hash-v1', 32));
    this.fingerprint = this.mac('fingerprint');
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.key).update(text).digest();
  }

  /** An 18-character resident ID number, as stored (upper-case X). */
  idNumber(value: string): Buffer {
    return this.mac(`id:${value.trim().toUpperCase()}`);
  }

  phone(value: string): Buffer {
    return this.mac(`phone:${value.trim()}`);
  }
}

/**
 * Computes the hash columns of rows that lack them (`all`: of every row, after a key change), in
 * batches by id, then records the key's fingerprint. The migration that adds the columns runs it
 * once; `ensureLookupHashes` at every start.
 */
export async function fillLookupHashes(db: Sql, hasher: LookupHasher, all: boolean): Promise<number> {
  let after = '';
  let filled = 0;
  for (;;) {
    const rows = (await db.query(
      `SELECT id, id_number, phone FROM customer
        WHERE id > ? ${all ? '' : 'AND (id_number_hash IS NULL OR phone_hash IS NULL)'}
        ORDER BY id LIMIT ${BATCH}`,
      [after],
    )) as { id: string; id_number: string; phone: string }[];
    if (!rows.length) break;
    const values = rows.map(() => 'SELECT ? AS id, ? AS ih, ? AS ph').join(' UNION ALL ');
    await db.query(
      `UPDATE customer c JOIN (${values}) v ON v.id = c.id SET c.id_number_hash = v.ih, c.phone_hash = v.ph`,
      rows.flatMap((r) => [r.id, hasher.idNumber(r.id_number), hasher.phone(r.phone)]),
    );
    filled += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  await db.query(
    'INSERT INTO lookup_key (id, fingerprint) VALUES (1, ?) ON DUPLICATE KEY UPDATE fingerprint = VALUES(fingerprint)',
    [hasher.fingerprint],
  );
  return filled;
}

/**
 * At start: the stored hashes match this key (else all are computed again), and rows written
 * without them (by a copy of the previous release during a rolling update) get theirs. Several
 * copies starting at once take turns (a named lock).
 */
export async function ensureLookupHashes(ds: DataSource, hasher: LookupHasher, log: Logger): Promise<void> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  const lock = `lookup_${ds.options.database}`;
  try {
    await qr.query('SELECT GET_LOCK(?, 60)', [lock]);
    const [row] = (await qr.query('SELECT fingerprint FROM lookup_key WHERE id = 1')) as {
      fingerprint: Buffer;
    }[];
    const changed = !row || !Buffer.from(row.fingerprint).equals(hasher.fingerprint);
    const filled = await fillLookupHashes(qr, hasher, changed);
    if (changed)
      log.warn({ rows: filled }, 'customer lookup key changed: ID and phone hashes computed again');
    else if (filled) log.info({ rows: filled }, 'customer lookup hashes filled');
  } finally {
    await qr.query('SELECT RELEASE_LOCK(?)', [lock]).catch(() => undefined);
    await qr.release();
  }
}
