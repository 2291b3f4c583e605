import type { Principal } from '@zhanye/contracts';
import { likePrefix, scopeSql } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { CustomerEntity, type CustomerRow } from './customer.entity.ts';
import type { LookupHasher } from './lookup-hash.ts';

interface RawCustomer {
  id: string;
  bank_id: string;
  org_id: string;
  org_path: string;
  owner_id: string;
  owner_name: string;
  name: string;
  id_number: string;
  phone: string;
  id_number_hash: Buffer | null;
  phone_hash: Buffer | null;
  segment: CustomerRow['segment'];
  birth_date: Date | string | null;
  gender: 'M' | 'F' | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const isoDate = (d: Date | string | null) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);

function toRow(r: RawCustomer): CustomerRow {
  return {
    id: r.id,
    bankId: r.bank_id,
    orgId: r.org_id,
    orgPath: r.org_path,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    name: r.name,
    idNumber: r.id_number,
    phone: r.phone,
    idNumberHash: r.id_number_hash,
    phoneHash: r.phone_hash,
    segment: r.segment,
    birthDate: isoDate(r.birth_date),
    gender: r.gender,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * How a search text is matched: a whole mobile number or a whole resident ID number exactly,
 * through its keyed hash (never a substring: part of a masked number must not find its owner),
 * anything else as a name prefix.
 */
function searchFilter(q: string | undefined, hash: LookupHasher): { sql: string; params: unknown[] } {
  if (!q) return { sql: '', params: [] };
  if (/^1\d{10}$/.test(q)) return { sql: ' AND c.phone_hash = ?', params: [hash.phone(q)] };
  if (/^\d{17}[\dXx]$/.test(q)) return { sql: ' AND c.id_number_hash = ?', params: [hash.idNumber(q)] };
  return { sql: ' AND c.name LIKE ?', params: [likePrefix(q)] };
}

/**
 * Queries only; the rules live in the service. Reads are plain SQL (visible in review, no ORM
 * overhead on the hot path) and every one is scoped to the caller with bound parameters.
 */
export class CustomerRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly hash: LookupHasher,
  ) {}

  async search(caller: Principal, q: string | undefined, page: number, pageSize: number) {
    const scope = scopeSql(caller, 'c');
    const filter = searchFilter(q, this.hash);
    const where = `${scope.sql}${filter.sql}`;
    const params = [...scope.params, ...filter.params];
    const rows: RawCustomer[] = await this.ds.query(
      `SELECT c.* FROM customer c WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const count: { n: string }[] = await this.ds.query(
      `SELECT COUNT(*) AS n FROM customer c WHERE ${where}`,
      params,
    );
    return { items: rows.map(toRow), total: Number(count[0]?.n ?? 0) };
  }

  async findInScope(caller: Principal, id: string): Promise<CustomerRow | null> {
    const scope = scopeSql(caller, 'c');
    const rows: RawCustomer[] = await this.ds.query(
      `SELECT c.* FROM customer c WHERE c.id = ? AND ${scope.sql}`,
      [id, ...scope.params],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  existsByIdNumber(m: EntityManager, bankId: string, idNumber: string): Promise<boolean> {
    return m.getRepository(CustomerEntity).exists({ where: { bankId, idNumber } });
  }

  insert(m: EntityManager, row: CustomerRow): Promise<unknown> {
    return m.getRepository(CustomerEntity).insert(row);
  }
}
