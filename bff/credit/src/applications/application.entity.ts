import type { ApplicationStatus } from '@zhanye/contracts';
import { type ScopedRow, scopedColumns } from '@zhanye/kit';
import { EntitySchema } from 'typeorm';

/** One credit application (授信申请); JSON columns hold each step's record. */
export interface ApplicationRow extends ScopedRow {
  id: string;
  number: string | null;
  groupId: string | null;
  ownerName: string;
  orgName: string;
  customerId: string;
  customerName: string;
  segment: string;
  leadId: string | null;
  productId: string;
  productCode: string;
  productName: string;
  productVersion: number;
  amount: string;
  termMonths: number;
  repaymentMethod: string;
  guaranteeType: string;
  annualIncome: string;
  purpose: string;
  channel: string;
  variant: string | null;
  approvalLevel: string | null;
  status: ApplicationStatus;
  createdBy: string;
  createdByName: string;
  decisionId: string | null;
  prescreenOutcome: string | null;
  prescreenReasons: string;
  rate: string | null;
  admission: string | null;
  bureauReportId: string | null;
  investigation: string | null;
  leadInvestigator: string | null;
  assistantInvestigator: string | null;
  reviewer: string | null;
  reviewerId: string | null;
  approvals: string | null;
  supplement: string | null;
  limitId: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decisionComment: string | null;
  decidedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const str = (name: string, length: number, nullable = false) =>
  ({ name, type: 'varchar', length, nullable }) as const;
const text = (name: string) => ({ name, type: 'text', nullable: true }) as const;

export const ApplicationEntity = new EntitySchema<ApplicationRow>({
  name: 'CreditApplication',
  tableName: 'credit_application',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    number: str('number', 32, true),
    groupId: { name: 'group_id', type: 'char', length: 36, nullable: true },
    ...scopedColumns,
    ownerName: str('owner_name', 64),
    orgName: str('org_name', 64),
    customerId: { name: 'customer_id', type: 'char', length: 36 },
    customerName: str('customer_name', 64),
    segment: str('segment', 16),
    leadId: str('lead_id', 64, true),
    productId: str('product_id', 64),
    productCode: str('product_code', 32),
    productName: str('product_name', 64),
    productVersion: { name: 'product_version', type: 'int' },
    amount: { type: 'decimal', precision: 18, scale: 2 },
    termMonths: { name: 'term_months', type: 'int' },
    repaymentMethod: str('repayment_method', 24),
    guaranteeType: str('guarantee_type', 16),
    annualIncome: { name: 'annual_income', type: 'decimal', precision: 18, scale: 2 },
    purpose: str('purpose', 200),
    channel: str('channel', 16),
    variant: str('variant', 16, true),
    approvalLevel: str('approval_level', 16, true),
    status: str('status', 32),
    createdBy: str('created_by', 64),
    createdByName: str('created_by_name', 64),
    decisionId: { name: 'decision_id', type: 'char', length: 36, nullable: true },
    prescreenOutcome: str('prescreen_outcome', 16, true),
    prescreenReasons: { name: 'prescreen_reasons', type: 'text' },
    rate: text('rate'),
    admission: text('admission'),
    bureauReportId: str('bureau_report_id', 64, true),
    investigation: text('investigation'),
    leadInvestigator: str('lead_investigator', 64, true),
    assistantInvestigator: str('assistant_investigator', 64, true),
    reviewer: text('reviewer'),
    reviewerId: str('reviewer_id', 64, true),
    approvals: text('approvals'),
    supplement: text('supplement'),
    limitId: str('limit_id', 64, true),
    decidedBy: str('decided_by', 64, true),
    decidedByName: str('decided_by_name', 64, true),
    decisionComment: str('decision_comment', 500, true),
    decidedAt: { name: 'decided_at', type: 'datetime', precision: 3, nullable: true },
    version: { type: 'int' },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3 },
  },
});
