import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import cases from '../../graphs/credit.preapproval.v1.cases.json' with { type: 'json' };
import graph from '../../graphs/credit.preapproval.v1.json' with { type: 'json' };

/** The features the pre-approval flow declares (the batch resolves them set-based). */
export const PREAPPROVAL_FEATURES = [
  'has_court_record',
  'bureau_overdue_max_12m',
  'inflow_avg_monthly_90d',
  'age',
  'bureau_debt_latest',
];

/**
 * Batch credit's decision (预授信): the union's standard flow `credit.preapproval` v1 with its test
 * cases, like the flows part's seeds, over the feature factory's standard features. Admission
 * and grade from court records, bureau overdues, inflows, age and debt; the limit a multiple of
 * the monthly inflow by grade (to the thousand yuan, at most 300,000 yuan); the spread by grade. Never edit the files: publish a new version.
 */
export class RiskSeedPreapproval1767500000100 implements MigrationInterface {
  name = 'RiskSeedPreapproval1767500000100';
  async up(q: QueryRunner) {
    const content = JSON.stringify(graph);
    const title = '批量预授信';
    await q.query(
      `INSERT INTO flow (bank_id, name, title, description, stable_version, canary_version, canary_percent,
         row_version, created_at, updated_at)
       VALUES ('*', 'credit.preapproval', ?, ?, 1, NULL, 0, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
      [
        title,
        '近一年涉诉、近 12 个月征信逾期 3 次及以上、近 90 天月均流入不足 2000 元拒绝；有逾期 C 级、适龄无负债 A 级、负债低于年流入 3 倍 B 级，其余 C 级；额度为月均流入的 6/4/2 倍，按千元取整、封顶 30 万元；加点 A 30bp、B 60bp、C 100bp。输出 approved、grade、limitFen、spreadBps、reason',
      ],
    );
    await q.query(
      `INSERT INTO flow_version (name, version, bank_id, title, content, hash, features, note, cases, last_test,
         status, author_id, author_name, created_at, published_at, published_by_id, published_by_name)
       VALUES ('credit.preapproval', 1, '*', ?, ?, ?, ?, '初始版本', ?, NULL, 'stable', 'system', '系统',
         UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 'system', '系统')`,
      [
        title,
        content,
        createHash('sha256').update(content).digest('hex'),
        JSON.stringify(PREAPPROVAL_FEATURES),
        JSON.stringify(cases),
      ],
    );
  }
  async down(q: QueryRunner) {
    await q.query("DELETE FROM flow_version WHERE name = 'credit.preapproval'");
    await q.query("DELETE FROM flow WHERE name = 'credit.preapproval'");
  }
}
