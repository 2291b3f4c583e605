import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillLookupHashes, type LookupHasher } from '../customers/lookup-hash.ts';

/**
 * Exact search by ID number and phone through keyed hashes (see `LookupHasher`), replacing the
 * ID-number tail search (`LIKE '%<digits>'`), which let a reader recover a masked number one digit
 * at a time. Adds the hash columns (NULL-able: a copy of the previous release may still insert
 * during a rolling update; the next start fills those) with their indexes, and fills every row.
 * `idx_customer_phone` stays for the previous release's exact phone match; a later release drops it.
 */
export function lookupHashesMigration(hasher: LookupHasher) {
  return class LookupHashes1765600000000 implements MigrationInterface {
    name = 'LookupHashes1765600000000';
    async up(q: QueryRunner) {
      await q.query(`ALTER TABLE customer
        ADD COLUMN id_number_hash BINARY(32) NULL,
        ADD COLUMN phone_hash BINARY(32) NULL,
        ADD KEY idx_customer_idno_hash (bank_id, id_number_hash),
        ADD KEY idx_customer_phone_hash (bank_id, phone_hash)`);
      await q.query(`CREATE TABLE lookup_key (
        id TINYINT NOT NULL PRIMARY KEY,
        fingerprint BINARY(32) NOT NULL
      ) ENGINE=InnoDB`);
      await fillLookupHashes(q, hasher, true);
    }
    async down(q: QueryRunner) {
      await q.query('DROP TABLE lookup_key');
      await q.query(`ALTER TABLE customer
        DROP KEY idx_customer_idno_hash, DROP KEY idx_customer_phone_hash,
        DROP COLUMN id_number_hash, DROP COLUMN phone_hash`);
    }
  };
}
