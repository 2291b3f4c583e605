import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { TimelineEntity, type TimelineRow } from './timeline.entity.ts';

export class TimelineRepository {
  constructor(private readonly ds: DataSource) {}

  listForCustomer(customerId: string, limit = 200): Promise<TimelineRow[]> {
    return this.ds
      .getRepository(TimelineEntity)
      .find({ where: { customerId }, order: { occurredAt: 'DESC' }, take: limit });
  }

  countForCustomer(customerId: string): Promise<number> {
    return this.ds.getRepository(TimelineEntity).count({ where: { customerId } });
  }

  async add(
    m: EntityManager,
    entry: Omit<TimelineRow, 'id' | 'detail' | 'sourceEventId'> & {
      detail: Record<string, unknown>;
      sourceEventId?: string;
    },
  ): Promise<void> {
    await m.getRepository(TimelineEntity).insert({
      ...entry,
      id: randomUUID(),
      detail: JSON.stringify(entry.detail),
      sourceEventId: entry.sourceEventId ?? null,
    });
  }
}
