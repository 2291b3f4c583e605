import { randomUUID } from 'node:crypto';
import type { CustomerSummary, Principal } from '@zhanye/contracts';
import { ConflictError, NotFoundError, ownedBy } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { TimelineRepository } from '../timeline/timeline.repository.ts';
import type { CustomerRow } from './customer.entity.ts';
import type { CustomerRepository } from './customer.repository.ts';
import type { LookupHasher } from './lookup-hash.ts';

export const maskIdNumber = (v: string) => `${v.slice(0, 4)}**********${v.slice(-4)}`;
export const maskPhone = (v: string) => `${v.slice(0, 3)}****${v.slice(-4)}`;

/** Birth date and gender are encoded in a resident id: YYYYMMDD at 7-14, odd 17th digit = male. */
export function fromIdNumber(idNumber: string): { birthDate: string | null; gender: 'M' | 'F' } {
  const y = idNumber.slice(6, 10);
  const m = idNumber.slice(10, 12);
  const d = idNumber.slice(12, 14);
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  const valid = !Number.isNaN(date.getTime()) && date.toISOString().startsWith(`${y}-${m}-${d}`);
  return { birthDate: valid ? `${y}-${m}-${d}` : null, gender: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F' };
}

export function toSummary(row: CustomerRow): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    idNumberMasked: maskIdNumber(row.idNumber),
    phoneMasked: maskPhone(row.phone),
    segment: row.segment,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    orgId: row.orgId,
    createdAt: row.createdAt.toISOString(),
  };
}

export class CustomerService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerRepository,
    private readonly timeline: TimelineRepository,
    private readonly hash: LookupHasher,
  ) {}

  async search(caller: Principal, q: string | undefined, page: number, pageSize: number) {
    const { items, total } = await this.customers.search(caller, q, page, pageSize);
    return { items: items.map(toSummary), total, page, pageSize };
  }

  /** A customer outside the caller's scope is "not found": its existence is not revealed. */
  async get(caller: Principal, id: string): Promise<CustomerRow> {
    const row = await this.customers.findInScope(caller, id);
    if (!row) throw new NotFoundError('customer not found');
    return row;
  }

  async create(
    caller: Principal,
    input: { name: string; idNumber: string; phone: string; segment: CustomerRow['segment'] },
  ): Promise<CustomerRow> {
    const now = new Date();
    const row: CustomerRow = {
      id: randomUUID(),
      ...ownedBy(caller),
      ownerName: caller.displayName,
      name: input.name,
      idNumber: input.idNumber,
      phone: input.phone,
      idNumberHash: this.hash.idNumber(input.idNumber),
      phoneHash: this.hash.phone(input.phone),
      segment: input.segment,
      ...fromIdNumber(input.idNumber),
      createdBy: caller.userId,
      createdAt: now,
      updatedAt: now,
    };
    await this.ds.transaction(async (m) => {
      if (await this.customers.existsByIdNumber(m, caller.bankId, input.idNumber)) {
        throw new ConflictError(
          'a customer with this id number already exists in this bank',
          'DUPLICATE_ID_NUMBER',
        );
      }
      try {
        await this.customers.insert(m, row);
      } catch (e) {
        if ((e as { code?: string }).code === 'ER_DUP_ENTRY') {
          throw new ConflictError(
            'a customer with this id number already exists in this bank',
            'DUPLICATE_ID_NUMBER',
          );
        }
        throw e;
      }
      await this.timeline.add(m, {
        customerId: row.id,
        bankId: row.bankId,
        kind: 'customer.created',
        title: '客户建档',
        detail: { by: caller.displayName },
        occurredAt: now,
      });
    });
    return row;
  }
}
