import type { ApplicationStatus, Principal } from '@zhanye/contracts';
import { scopedQuery } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { ApplicationEntity, type ApplicationRow } from './application.entity.ts';

export type ApplicationPatch = Partial<
  Pick<
    ApplicationRow,
    | 'status'
    | 'decisionId'
    | 'prescreenOutcome'
    | 'prescreenReasons'
    | 'decidedBy'
    | 'decidedByName'
    | 'decisionComment'
    | 'updatedAt'
  >
>;

/** Queries only; the rules live in the service. Every read is scoped to the caller. */
export class ApplicationRepository {
  constructor(private readonly ds: DataSource) {}

  private scoped(caller: Principal, mode: 'read' | 'write') {
    return scopedQuery(this.ds, ApplicationEntity, 'a', caller, mode);
  }

  async list(
    caller: Principal,
    status: ApplicationStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: ApplicationRow[]; total: number }> {
    const qb = this.scoped(caller, 'read');
    if (status) qb.andWhere('a.status = :status', { status });
    const [items, total] = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total };
  }

  findInScope(
    caller: Principal,
    id: string,
    mode: 'read' | 'write' = 'read',
  ): Promise<ApplicationRow | null> {
    return this.scoped(caller, mode).andWhere('a.id = :id', { id }).getOne();
  }

  /** Unscoped: only for re-reading a row the caller has just been allowed to change. */
  async findById(id: string): Promise<ApplicationRow> {
    return this.ds.getRepository(ApplicationEntity).findOneByOrFail({ id });
  }

  insert(m: EntityManager, row: ApplicationRow): Promise<unknown> {
    return m.getRepository(ApplicationEntity).insert(row);
  }

  /**
   * Moves an application out of `from` only if nobody changed it since it was read
   * (`status` and `version` both still match); bumps the version. False when it lost the race.
   */
  async transition(
    m: EntityManager,
    id: string,
    from: ApplicationStatus,
    version: number,
    patch: ApplicationPatch,
  ): Promise<boolean> {
    const res = await m
      .getRepository(ApplicationEntity)
      .createQueryBuilder()
      .update()
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND status = :from AND version = :version', { id, from, version })
      .execute();
    return res.affected === 1;
  }
}
