import { scopedColumns } from '@zhanye/kit';
import { EntitySchema } from 'typeorm';

/** A customer's signed authorisation to query the bureau (征信授权), in the recorder's scope. */
export interface AuthorizationRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  ownerId: string;
  customerId: string;
  customerName: string;
  purpose: 'loan_approval' | 'post_loan' | 'guarantor_check';
  /** `YYYY-MM-DD`, both days included. */
  validFrom: string;
  validTo: string;
  method: 'scan' | 'mobile';
  attachmentId: string | null;
  status: 'active' | 'revoked';
  recordedByName: string;
  recordedAt: Date;
  revokedBy: string | null;
  revokedByName: string | null;
  revokedAt: Date | null;
  revokeReason: string | null;
  version: number;
}

export const AuthorizationEntity = new EntitySchema<AuthorizationRow>({
  name: 'credit_bureau_authorization',
  tableName: 'credit_bureau_authorization',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    ...scopedColumns,
    customerId: { name: 'customer_id', type: 'char', length: 36 },
    customerName: { name: 'customer_name', type: 'varchar', length: 64 },
    purpose: { type: 'varchar', length: 32 },
    validFrom: { name: 'valid_from', type: 'date' },
    validTo: { name: 'valid_to', type: 'date' },
    method: { type: 'varchar', length: 16 },
    attachmentId: { name: 'attachment_id', type: 'char', length: 36, nullable: true },
    status: { type: 'varchar', length: 16 },
    recordedByName: { name: 'recorded_by_name', type: 'varchar', length: 64 },
    recordedAt: { name: 'recorded_at', type: 'datetime', precision: 3 },
    revokedBy: { name: 'revoked_by', type: 'varchar', length: 64, nullable: true },
    revokedByName: { name: 'revoked_by_name', type: 'varchar', length: 64, nullable: true },
    revokedAt: { name: 'revoked_at', type: 'datetime', precision: 3, nullable: true },
    revokeReason: { name: 'revoke_reason', type: 'varchar', length: 200, nullable: true },
    version: { type: 'int' },
  },
});

/** A report the bureau gave, kept with the application it was asked for (in its scope). */
export interface ReportRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  ownerId: string;
  customerId: string;
  applicationId: string | null;
  reference: string;
  source: 'simulator' | 'bureau';
  score: number;
  loans: number;
  /** DECIMAL(18,2), as a string. */
  outstanding: string;
  overdueAccounts: number;
  maxOverdueDays: number;
  queriesLast6Months: number;
  blacklisted: boolean;
  summary: string;
  /** The bureau's whole answer, as JSON. */
  raw: string;
  queriedAt: Date;
}

export const ReportEntity = new EntitySchema<ReportRow>({
  name: 'credit_bureau_report',
  tableName: 'credit_bureau_report',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    ...scopedColumns,
    customerId: { name: 'customer_id', type: 'char', length: 36 },
    applicationId: { name: 'application_id', type: 'char', length: 36, nullable: true },
    reference: { type: 'varchar', length: 64 },
    source: { type: 'varchar', length: 16 },
    score: { type: 'int' },
    loans: { type: 'int' },
    outstanding: { type: 'decimal', precision: 18, scale: 2 },
    overdueAccounts: { name: 'overdue_accounts', type: 'int' },
    maxOverdueDays: { name: 'max_overdue_days', type: 'int' },
    queriesLast6Months: { name: 'queries_last_6_months', type: 'int' },
    blacklisted: { type: 'boolean' },
    summary: { type: 'varchar', length: 500 },
    raw: { type: 'longtext' },
    queriedAt: { name: 'queried_at', type: 'datetime', precision: 3 },
  },
});

/** One query of the bureau (查询记录): who (and their posts, org, address), why, when, under what. */
export interface QueryRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  ownerId: string;
  customerId: string;
  authorizationId: string;
  applicationId: string | null;
  purpose: string;
  reason: string;
  queriedBy: string;
  queriedByName: string;
  queriedByPosts: string;
  queriedByOrgId: string;
  clientIp: string | null;
  reportId: string;
  at: Date;
}

export const QueryEntity = new EntitySchema<QueryRow>({
  name: 'credit_bureau_query',
  tableName: 'credit_bureau_query',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    ...scopedColumns,
    customerId: { name: 'customer_id', type: 'char', length: 36 },
    authorizationId: { name: 'authorization_id', type: 'char', length: 36 },
    applicationId: { name: 'application_id', type: 'char', length: 36, nullable: true },
    purpose: { type: 'varchar', length: 32 },
    reason: { type: 'varchar', length: 200 },
    queriedBy: { name: 'queried_by', type: 'varchar', length: 64 },
    queriedByName: { name: 'queried_by_name', type: 'varchar', length: 64 },
    queriedByPosts: { name: 'queried_by_posts', type: 'varchar', length: 255 },
    queriedByOrgId: { name: 'queried_by_org_id', type: 'varchar', length: 64 },
    clientIp: { name: 'client_ip', type: 'varchar', length: 64, nullable: true },
    reportId: { name: 'report_id', type: 'char', length: 36 },
    at: { type: 'datetime', precision: 3 },
  },
});
