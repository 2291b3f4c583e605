import { scopedColumns } from '@zhanye/kit';
import { EntitySchema } from 'typeorm';

/** A warning raised on a customer (its scope columns: the customer's manager, org and bank). */
export interface WarningRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  /** The responsible manager (the customer's account manager). */
  ownerId: string;
  signalId: string;
  ruleId: string;
  ruleTitle: string;
  ruleDepth: number;
  kind: string;
  severity: string;
  customerRef: string;
  customerName: string;
  hitRef: string;
  hitName: string;
  depth: number;
  scoreBp: number;
  /** JSON array of path steps (weights in basis points). */
  path: string;
  managerName: string;
  status: string;
  version: number;
  note: string | null;
  /**
   * While the warning is open: sha256 of (customer, rule, hit customer), unique per bank, so two
   * signals at once cannot both open a warning for the same thing; cleared when it closes.
   */
  openKey: string | null;
  createdAt: Date;
}

export const WarningEntity = new EntitySchema<WarningRow>({
  name: 'risk_warning',
  tableName: 'risk_warning',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    ...scopedColumns,
    signalId: { name: 'signal_id', type: 'char', length: 36 },
    ruleId: { name: 'rule_id', type: 'char', length: 36 },
    ruleTitle: { name: 'rule_title', type: 'varchar', length: 100 },
    ruleDepth: { name: 'rule_depth', type: 'int' },
    kind: { type: 'varchar', length: 16 },
    severity: { type: 'varchar', length: 8 },
    customerRef: { name: 'customer_ref', type: 'varchar', length: 128 },
    customerName: { name: 'customer_name', type: 'varchar', length: 100 },
    hitRef: { name: 'hit_ref', type: 'varchar', length: 128 },
    hitName: { name: 'hit_name', type: 'varchar', length: 100 },
    depth: { type: 'int' },
    scoreBp: { name: 'score_bp', type: 'int' },
    path: { type: 'text' },
    managerName: { name: 'manager_name', type: 'varchar', length: 64 },
    status: { type: 'varchar', length: 16 },
    version: { type: 'int' },
    note: { type: 'text', nullable: true },
    openKey: { name: 'open_key', type: 'char', length: 64, nullable: true },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});
