import type { ApplicationStatus, PrescreenOutcome } from '@zhanye/contracts';
import { scopedColumns } from '@zhanye/kit';
import { EntitySchema } from 'typeorm';

export interface ApplicationRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  /** The account manager who took the application. */
  ownerId: string;
  customerId: string;
  /** Snapshot of the customer's name when the application was taken. */
  customerName: string;
  productCode: string;
  /** DECIMAL(16,2) as a string (`"50000.00"`), never a float. */
  amount: string;
  termMonths: number;
  /** DECIMAL(16,2) as a string. */
  annualIncome: string;
  purpose: string;
  status: ApplicationStatus;
  createdBy: string;
  createdByName: string;
  decisionId: string | null;
  prescreenOutcome: PrescreenOutcome | null;
  /** JSON array of strings */
  prescreenReasons: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decisionComment: string | null;
  /** Optimistic lock: every state change is `WHERE version = ?` and bumps it. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const ApplicationEntity = new EntitySchema<ApplicationRow>({
  name: 'credit_application',
  tableName: 'credit_application',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    ...scopedColumns,
    customerId: { name: 'customer_id', type: 'char', length: 36 },
    customerName: { name: 'customer_name', type: 'varchar', length: 64 },
    productCode: { name: 'product_code', type: 'varchar', length: 32 },
    amount: { type: 'decimal', precision: 16, scale: 2 },
    termMonths: { name: 'term_months', type: 'int' },
    annualIncome: { name: 'annual_income', type: 'decimal', precision: 16, scale: 2 },
    purpose: { type: 'varchar', length: 200 },
    status: { type: 'varchar', length: 32 },
    createdBy: { name: 'created_by', type: 'varchar', length: 64 },
    createdByName: { name: 'created_by_name', type: 'varchar', length: 64 },
    decisionId: { name: 'decision_id', type: 'char', length: 36, nullable: true },
    prescreenOutcome: { name: 'prescreen_outcome', type: 'varchar', length: 16, nullable: true },
    prescreenReasons: { name: 'prescreen_reasons', type: 'text' },
    decidedBy: { name: 'decided_by', type: 'varchar', length: 64, nullable: true },
    decidedByName: { name: 'decided_by_name', type: 'varchar', length: 64, nullable: true },
    decisionComment: { name: 'decision_comment', type: 'varchar', length: 500, nullable: true },
    version: { type: 'int' },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3 },
  },
});
