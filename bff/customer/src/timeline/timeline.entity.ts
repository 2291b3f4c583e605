import { EntitySchema } from 'typeorm';

export interface TimelineRow {
  id: string;
  customerId: string;
  bankId: string;
  kind: string;
  title: string;
  detail: string;
  /** The event that produced this entry, if any: one entry per event. */
  sourceEventId: string | null;
  occurredAt: Date;
}

export const TimelineEntity = new EntitySchema<TimelineRow>({
  name: 'timeline',
  tableName: 'timeline',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    customerId: { name: 'customer_id', type: 'char', length: 36 },
    bankId: { name: 'bank_id', type: 'varchar', length: 64 },
    kind: { type: 'varchar', length: 64 },
    title: { type: 'varchar', length: 200 },
    detail: { type: 'text' },
    sourceEventId: { name: 'source_event_id', type: 'char', length: 36, nullable: true },
    occurredAt: { name: 'occurred_at', type: 'datetime', precision: 3 },
  },
});
