import type { Principal } from '@zhanye/contracts';
import { applyScope } from '@zhanye/kit';
import type { DataSource, Repository } from 'typeorm';
import { LeadEntity, type LeadRow } from './lead.entity.ts';

export interface LeadQuery {
  customerId?: string | undefined;
  page: number;
  pageSize: number;
}

/** Queries on `lead`; always inside the caller's data scope. Holds no rules. */
export class LeadRepository {
  private readonly repo: Repository<LeadRow>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository(LeadEntity);
  }

  /** Leads the caller may see, newest first, one page, with the total. */
  async list(caller: Principal, q: LeadQuery): Promise<{ rows: LeadRow[]; total: number }> {
    const qb = applyScope(this.repo.createQueryBuilder('l'), caller, 'l');
    if (q.customerId) qb.andWhere('l.customer_id = :customerId', { customerId: q.customerId });
    const [rows, total] = await qb
      .orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  async insert(row: LeadRow): Promise<void> {
    await this.repo.insert(row);
  }
}
