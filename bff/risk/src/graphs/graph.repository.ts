import type { DataSource } from 'typeorm';
import { DecisionGraphEntity, type DecisionGraphRow } from './graph.entity.ts';

export type GraphVersion = Pick<DecisionGraphRow, 'key' | 'version'>;

/** Queries only. Graphs are platform-wide rules, not tenant data, so they carry no data scope. */
export class GraphRepository {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(DecisionGraphEntity);
  }

  /** Every version, without the (large) JDM content. */
  list(): Promise<Omit<DecisionGraphRow, 'content'>[]> {
    return this.repo.find({
      select: { key: true, version: true, title: true, active: true, createdAt: true },
      order: { key: 'ASC', version: 'DESC' },
    });
  }

  /** The newest active version of a graph, or null when none is active. */
  findActive(key: string): Promise<GraphVersion | null> {
    return this.repo.findOne({
      select: { key: true, version: true },
      where: { key, active: true },
      order: { version: 'DESC' },
    });
  }

  async content(key: string, version: number): Promise<string | null> {
    const row = await this.repo.findOne({ select: { content: true }, where: { key, version } });
    return row?.content ?? null;
  }
}
