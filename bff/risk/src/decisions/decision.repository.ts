import type { Principal } from '@zhanye/contracts';
import { scopedQuery } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { DecisionRunEntity, type DecisionRunRow } from './decision.entity.ts';

/** Queries only; the rules live in the service. Every read is scoped to the caller. */
export class DecisionRepository {
  constructor(private readonly ds: DataSource) {}

  private scoped(caller: Principal) {
    return scopedQuery(this.ds, DecisionRunEntity, 'r', caller);
  }

  /** Summaries only: input, output and trace stay in the database until one run is opened. */
  async list(caller: Principal, subjectRef: string | undefined, page: number, pageSize: number) {
    const qb = this.scoped(caller).select([
      'r.id',
      'r.graphKey',
      'r.graphVersion',
      'r.subjectRef',
      'r.outcome',
      'r.requestedBy',
      'r.requestedByName',
      'r.createdAt',
    ]);
    // runs of flows that give no verdict (a score, a limit) are listed under /runs only
    qb.andWhere("r.outcome <> ''");
    if (subjectRef) qb.andWhere('r.subject_ref = :subjectRef', { subjectRef });
    const [items, total] = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total };
  }

  findInScope(caller: Principal, id: string): Promise<DecisionRunRow | null> {
    return this.scoped(caller).andWhere('r.id = :id', { id }).andWhere("r.outcome <> ''").getOne();
  }

  insert(row: DecisionRunRow): Promise<unknown> {
    return this.ds.getRepository(DecisionRunEntity).insert(row);
  }
}
