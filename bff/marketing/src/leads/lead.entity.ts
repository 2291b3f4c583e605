import type { LeadSource, LeadStatus } from '@zhanye/contracts';
import { scopedColumns } from '@zhanye/kit';
import { EntitySchema } from 'typeorm';
import type { z } from 'zod';

/** One row of `lead`: a sales opportunity for a customer, owned by a member of staff. */
export interface LeadRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  ownerId: string;
  customerId: string;
  /** Snapshot of the customer's name when the lead was recorded (we never read customer tables). */
  customerName: string;
  product: string;
  /** DECIMAL(16,2), read and written as a decimal string. */
  expectedAmount: string;
  source: z.infer<typeof LeadSource>;
  status: z.infer<typeof LeadStatus>;
  note: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const LeadEntity = new EntitySchema<LeadRow>({
  name: 'lead',
  tableName: 'lead',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    ...scopedColumns,
    customerId: { name: 'customer_id', type: 'char', length: 36 },
    customerName: { name: 'customer_name', type: 'varchar', length: 64 },
    product: { type: 'varchar', length: 64 },
    expectedAmount: { name: 'expected_amount', type: 'decimal', precision: 16, scale: 2 },
    source: { type: 'varchar', length: 16 },
    status: { type: 'varchar', length: 16 },
    note: { type: 'varchar', length: 500 },
    createdBy: { name: 'created_by', type: 'varchar', length: 64 },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3 },
  },
});
