import type { Principal } from '@zhanye/contracts';
import { scopedQuery } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { LeadEntity, type LeadRow } from './lead.entity.ts';

export interface LeadQuery {
  customerId?: string | undefined;
  page: number;
  pageSize: number;
}

/** Queries on `lead`; always inside the caller's data scope. Holds no rules. */
export class LeadRepository {
  constructor(private readonly ds: DataSource) {}

  /** Leads the caller may see, newest first, one page, with the total. */
  async list(caller: Principal, q: LeadQuery): Promise<{ rows: LeadRow[]; total: number }> {
    const qb = scopedQuery(this.ds, LeadEntity, 'l', caller);
    if (q.customerId) qb.andWhere('l.customer_id = :customerId', { customerId: q.customerId });
    const [rows, total] = await qb
      .orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  /** One lead, or null when it does not exist or is outside the caller's data scope. */
  findInScope(caller: Principal, id: string): Promise<LeadRow | null> {
    return scopedQuery(this.ds, LeadEntity, 'l', caller).andWhere('l.id = :id', { id }).getOne();
  }

  async insert(row: LeadRow): Promise<void> {
    await this.ds.getRepository(LeadEntity).insert(row);
  }
}
