import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application grows into the whole granting process: product version, terms, process variant,
 * approval level, rate with its basis, admission, investigation, review, approvals, supplement,
 * the granted limit. Money widens to DECIMAL(18,2). Applications of the first release (one product
 * code, approve/reject only) keep their data: a pending one waits at the branch approval of the
 * staffed process, its product the code it named.
 */
export class CreditApplications1766500000000 implements MigrationInterface {
  name = 'CreditApplications1766500000000';
  async up(q: QueryRunner) {
    await q.query(`ALTER TABLE credit_application
      MODIFY amount DECIMAL(18,2) NOT NULL,
      MODIFY annual_income DECIMAL(18,2) NOT NULL,
      ADD COLUMN number VARCHAR(32) NULL AFTER id,
      ADD COLUMN group_id CHAR(36) NULL AFTER number,
      ADD COLUMN segment VARCHAR(16) NOT NULL DEFAULT 'prospect' AFTER customer_name,
      ADD COLUMN lead_id VARCHAR(64) NULL AFTER segment,
      ADD COLUMN product_id VARCHAR(64) NOT NULL DEFAULT '' AFTER lead_id,
      ADD COLUMN product_name VARCHAR(64) NOT NULL DEFAULT '' AFTER product_code,
      ADD COLUMN product_version INT NOT NULL DEFAULT 1 AFTER product_name,
      ADD COLUMN repayment_method VARCHAR(24) NOT NULL DEFAULT 'equal_installment' AFTER term_months,
      ADD COLUMN guarantee_type VARCHAR(16) NOT NULL DEFAULT 'credit' AFTER repayment_method,
      ADD COLUMN channel VARCHAR(16) NOT NULL DEFAULT 'branch' AFTER purpose,
      ADD COLUMN variant VARCHAR(16) NULL AFTER channel,
      ADD COLUMN approval_level VARCHAR(16) NULL AFTER variant,
      ADD COLUMN rate TEXT NULL,
      ADD COLUMN admission TEXT NULL,
      ADD COLUMN bureau_report_id VARCHAR(64) NULL,
      ADD COLUMN investigation TEXT NULL,
      ADD COLUMN lead_investigator VARCHAR(64) NULL,
      ADD COLUMN assistant_investigator VARCHAR(64) NULL,
      ADD COLUMN reviewer TEXT NULL,
      ADD COLUMN reviewer_id VARCHAR(64) NULL,
      ADD COLUMN approvals TEXT NULL,
      ADD COLUMN supplement TEXT NULL,
      ADD COLUMN limit_id VARCHAR(64) NULL,
      ADD COLUMN owner_name VARCHAR(64) NOT NULL DEFAULT '',
      ADD COLUMN org_name VARCHAR(64) NOT NULL DEFAULT '',
      ADD COLUMN decided_at DATETIME(3) NULL,
      ADD UNIQUE KEY uq_app_number (bank_id, number),
      ADD KEY idx_app_group (group_id),
      ADD KEY idx_app_product (bank_id, product_code, created_at)`);
    await q.query(
      `UPDATE credit_application SET owner_name = created_by_name, product_name = product_code,
         variant = CASE WHEN status = 'draft' THEN NULL ELSE 'staffed' END,
         approval_level = CASE WHEN status = 'draft' THEN NULL ELSE 'branch' END,
         status = CASE status WHEN 'pending_approval' THEN 'branch_approving' ELSE status END,
         decided_at = CASE WHEN status IN ('approved', 'rejected') THEN updated_at ELSE NULL END`,
    );
  }
  async down(q: QueryRunner) {
    await q.query(
      "UPDATE credit_application SET status = 'pending_approval' WHERE status NOT IN ('draft', 'approved', 'rejected')",
    );
    await q.query(`ALTER TABLE credit_application
      DROP KEY uq_app_number, DROP KEY idx_app_group, DROP KEY idx_app_product,
      DROP COLUMN number, DROP COLUMN group_id, DROP COLUMN segment, DROP COLUMN lead_id,
      DROP COLUMN product_id, DROP COLUMN product_name, DROP COLUMN product_version,
      DROP COLUMN repayment_method, DROP COLUMN guarantee_type, DROP COLUMN channel, DROP COLUMN variant,
      DROP COLUMN approval_level, DROP COLUMN rate, DROP COLUMN admission, DROP COLUMN bureau_report_id,
      DROP COLUMN investigation, DROP COLUMN lead_investigator, DROP COLUMN assistant_investigator,
      DROP COLUMN reviewer, DROP COLUMN reviewer_id, DROP COLUMN approvals, DROP COLUMN supplement,
      DROP COLUMN limit_id, DROP COLUMN owner_name, DROP COLUMN org_name, DROP COLUMN decided_at,
      MODIFY amount DECIMAL(16,2) NOT NULL, MODIFY annual_income DECIMAL(16,2) NOT NULL`);
  }
}
