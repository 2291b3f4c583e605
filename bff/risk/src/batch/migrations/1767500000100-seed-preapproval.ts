import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import cases from '../../graphs/credit.preapproval.v1.cases.json' with { type: 'json' };
import graph from '../../graphs/credit.preapproval.v1.json' with { type: 'json' };

/** The features the pre-approval flow declares (the batch resolves them set-based). */
export const PREAPPROVAL_FEATURES = [
  'segment',
  'annualIncomeFen',
  'depositAvgFen',
  'overdueDaysMax',
  'yearsWithBank',
];

/**
 * Batch credit's decision (预授信): the union's standard flow `credit.preapproval` v1 with its test
 * cases, like the flows part's seeds. Grade and admission from overdue, income, years with the
 * bank and deposits; the limit a share of the annual income by grade (to the thousand yuan, at
 * most 300,000 yuan); the spread by grade. Never edit the files: publish a new version.
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
        '逾期超 30 天或年收入不足 2 万元拒绝；按往来年限、存款与轻微逾期评 A/B/C 级，额度为年收入的 60%/40%/25%（轻微逾期 20%），按千元取整、封顶 30 万元；加点 A 30bp、B 60bp、C 100bp。输出 approved、grade、limitFen、spreadBps、reason',
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
