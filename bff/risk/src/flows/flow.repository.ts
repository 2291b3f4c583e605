import type { Principal } from '@zhanye/contracts';
import { scopedQuery } from '@zhanye/kit';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { DecisionRunEntity, type DecisionRunRow } from '../decisions/decision.entity.ts';
import {
  FlowEntity,
  FlowReleaseEntity,
  type FlowReleaseRow,
  type FlowRow,
  FlowVersionEntity,
  type FlowVersionRow,
} from './flow.entity.ts';

export type VersionHead = Omit<FlowVersionRow, 'content' | 'cases'>;

const HEAD: (keyof FlowVersionRow)[] = [
  'name',
  'version',
  'bankId',
  'title',
  'hash',
  'features',
  'note',
  'lastTest',
  'status',
  'authorId',
  'authorName',
  'createdAt',
  'publishedAt',
  'publishedById',
  'publishedByName',
];

/**
 * Queries only; the rules live in the service. Flows are kept per owner (`*` the union, or a
 * bank): every read names the owners the caller may see.
 */
export class FlowRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  flows(owners: string[], name?: string, m: EntityManager = this.ds.manager): Promise<FlowRow[]> {
    return m.getRepository(FlowEntity).find({
      where: { bankId: In(owners), ...(name ? { name } : {}) },
      order: { name: 'ASC', bankId: 'ASC' },
    });
  }

  /** One owner's flow, locked for the change about to be made. */
  lockFlow(m: EntityManager, owner: string, name: string): Promise<FlowRow | null> {
    return m
      .getRepository(FlowEntity)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.bank_id = :owner AND f.name = :name', { owner, name })
      .getOne();
  }

  insertFlow(m: EntityManager, row: FlowRow) {
    return m.getRepository(FlowEntity).insert(row);
  }

  saveRelease(m: EntityManager, row: FlowRow) {
    return m.getRepository(FlowEntity).update(
      { bankId: row.bankId, name: row.name },
      {
        stableVersion: row.stableVersion,
        canaryVersion: row.canaryVersion,
        canaryPercent: row.canaryPercent,
        rowVersion: row.rowVersion + 1,
        updatedAt: new Date(),
      },
    );
  }

  touchFlow(m: EntityManager, owner: string, name: string) {
    return m.getRepository(FlowEntity).update({ bankId: owner, name }, { updatedAt: new Date() });
  }

  /** The newest version number of a name across every owner (versions share one sequence). */
  async latestVersion(m: EntityManager, name: string): Promise<number> {
    const [row] = await m.query('SELECT MAX(version) AS v FROM flow_version WHERE name = ?', [name]);
    return Number(row?.v ?? 0);
  }

  /** Latest version number per (owner, name), for lists. */
  async latestByOwner(owners: string[]): Promise<Map<string, number>> {
    const rows: { bank_id: string; name: string; v: number }[] = await this.ds.query(
      `SELECT bank_id, name, MAX(version) AS v FROM flow_version WHERE bank_id IN (${owners.map(() => '?').join(', ')})
       GROUP BY bank_id, name`,
      owners,
    );
    return new Map(rows.map((r) => [`${r.bank_id}/${r.name}`, Number(r.v)]));
  }

  /** Every version of a name the owners hold, newest first, with its number of test cases. */
  async versions(owners: string[], name: string): Promise<(VersionHead & { caseCount: number })[]> {
    const rows = await this.ds
      .getRepository(FlowVersionEntity)
      .createQueryBuilder('v')
      .select(HEAD.map((c) => `v.${c}`))
      .addSelect('JSON_LENGTH(v.cases)', 'case_count')
      .where('v.name = :name AND v.bank_id IN (:...owners)', { name, owners })
      .orderBy('v.version', 'DESC')
      .getRawAndEntities();
    return rows.entities.map((e, i) => ({ ...e, caseCount: Number(rows.raw[i]?.case_count ?? 0) }));
  }

  /** A version with its content and cases, when one of `owners` owns it. */
  version(
    owners: string[],
    name: string,
    version: number,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<FlowVersionRow | null> {
    const qb = m
      .getRepository(FlowVersionEntity)
      .createQueryBuilder('v')
      .where('v.name = :name AND v.version = :version', { name, version })
      .andWhere('v.bank_id IN (:...owners)', { owners });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  insertVersion(m: EntityManager, row: FlowVersionRow) {
    return m.getRepository(FlowVersionEntity).insert(row);
  }

  updateVersion(m: EntityManager, name: string, version: number, patch: Partial<FlowVersionRow>) {
    return m.getRepository(FlowVersionEntity).update({ name, version }, patch);
  }

  /** The last test run's summary (a draft's; the version's content never changes). */
  setLastTest(name: string, version: number, lastTest: string) {
    return this.ds.getRepository(FlowVersionEntity).update({ name, version, status: 'draft' }, { lastTest });
  }

  insertRelease(m: EntityManager, row: FlowReleaseRow) {
    return m.getRepository(FlowReleaseEntity).insert(row);
  }

  history(owners: string[], name: string): Promise<FlowReleaseRow[]> {
    return this.ds.getRepository(FlowReleaseEntity).find({
      where: { name, bankId: In(owners) },
      order: { at: 'DESC', id: 'DESC' },
      take: 200,
    });
  }

  /** The release rows that may answer a bank: its own and the union's (the decision's hot path: raw SQL). */
  async releases(bankId: string, name: string, union: string) {
    const rows: {
      bank_id: string;
      stable_version: number | null;
      canary_version: number | null;
      canary_percent: number;
    }[] = await this.ds.query(
      'SELECT bank_id, stable_version, canary_version, canary_percent FROM flow WHERE name = ? AND bank_id IN (?, ?)',
      [name, bankId, union],
    );
    return rows.map((r) => ({
      bankId: r.bank_id,
      stableVersion: r.stable_version === null ? null : Number(r.stable_version),
      canaryVersion: r.canary_version === null ? null : Number(r.canary_version),
      canaryPercent: Number(r.canary_percent),
    }));
  }

  /** The union's published versions (the legacy `/graphs` list). */
  publishedUnion(union: string) {
    return this.ds.getRepository(FlowVersionEntity).find({
      select: { name: true, version: true, title: true, status: true, createdAt: true },
      where: { bankId: union, status: In(['stable', 'canary', 'retired']) },
      order: { name: 'ASC', version: 'DESC' },
    });
  }

  // ---- runs (the decision_run table shared with the credit calls) ---------------------------

  /** One run (the decision's hot path: one plain INSERT, nothing read back). */
  insertRun(r: DecisionRunRow) {
    return this.ds.query(
      `INSERT INTO decision_run (id, bank_id, org_id, org_path, owner_id, graph_key, graph_version, flow_hash,
         subject_ref, outcome, input, features, as_of, output, reasons, trace, latency_us, canary, requested_by,
         requested_by_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id,
        r.bankId,
        r.orgId,
        r.orgPath,
        r.ownerId,
        r.graphKey,
        r.graphVersion,
        r.flowHash,
        r.subjectRef,
        r.outcome,
        r.input,
        r.features,
        r.asOf,
        r.output,
        r.reasons,
        r.trace,
        r.latencyUs,
        r.canary ? 1 : 0,
        r.requestedBy,
        r.requestedByName,
        r.createdAt,
      ],
    );
  }

  async listRuns(
    caller: Principal,
    q: { name?: string | undefined; subjectRef?: string | undefined; page: number; pageSize: number },
  ) {
    const qb = scopedQuery(this.ds, DecisionRunEntity, 'r', caller).select([
      'r.id',
      'r.graphKey',
      'r.graphVersion',
      'r.flowHash',
      'r.subjectRef',
      'r.outcome',
      'r.latencyUs',
      'r.canary',
      'r.requestedByName',
      'r.createdAt',
    ]);
    if (q.name) qb.andWhere('r.graph_key = :name', { name: q.name });
    if (q.subjectRef) qb.andWhere('r.subject_ref = :subjectRef', { subjectRef: q.subjectRef });
    const [items, total] = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  run(caller: Principal, id: string): Promise<DecisionRunRow | null> {
    return scopedQuery(this.ds, DecisionRunEntity, 'r', caller).andWhere('r.id = :id', { id }).getOne();
  }
}
