import type { Principal } from '@zhanye/contracts';
import { applyScope } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { CustomerEntity, type CustomerRow } from './customer.entity.ts';

/** Queries only; the rules live in the service. Every read is scoped to the caller. */
export class CustomerRepository {
  constructor(private readonly ds: DataSource) {}

  private scoped(caller: Principal) {
    return applyScope(this.ds.getRepository(CustomerEntity).createQueryBuilder('c'), caller, 'c');
  }

  async search(caller: Principal, q: string | undefined, page: number, pageSize: number) {
    const qb = this.scoped(caller);
    if (q) {
      if (/^1\d{10}$/.test(q)) qb.andWhere('c.phone = :q', { q });
      else if (/^\d{4,17}[\dXx]?$/.test(q))
        qb.andWhere('c.id_number LIKE :tail', { tail: `%${q.toUpperCase()}` });
      else qb.andWhere('c.name LIKE :prefix', { prefix: `${q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    const [items, total] = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total };
  }

  findInScope(caller: Principal, id: string): Promise<CustomerRow | null> {
    return this.scoped(caller).andWhere('c.id = :id', { id }).getOne();
  }

  existsByIdNumber(m: EntityManager, bankId: string, idNumber: string): Promise<boolean> {
    return m.getRepository(CustomerEntity).exists({ where: { bankId, idNumber } });
  }

  insert(m: EntityManager, row: CustomerRow): Promise<unknown> {
    return m.getRepository(CustomerEntity).insert(row);
  }
}
