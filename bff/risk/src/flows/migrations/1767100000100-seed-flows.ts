import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import admissionCases from '../../graphs/credit.admission.v1.cases.json' with { type: 'json' };
import admission from '../../graphs/credit.admission.v1.json' with { type: 'json' };
import drawdownCases from '../../graphs/credit.drawdown.v1.cases.json' with { type: 'json' };
import drawdown from '../../graphs/credit.drawdown.v1.json' with { type: 'json' };
import limitCases from '../../graphs/credit.limit.v1.cases.json' with { type: 'json' };
import limit from '../../graphs/credit.limit.v1.json' with { type: 'json' };
import monitoringCases from '../../graphs/credit.monitoring.v1.cases.json' with { type: 'json' };
import monitoring from '../../graphs/credit.monitoring.v1.json' with { type: 'json' };
import ratingCases from '../../graphs/credit.rating.v1.cases.json' with { type: 'json' };
import rating from '../../graphs/credit.rating.v1.json' with { type: 'json' };
import responseCases from '../../graphs/marketing.response.v1.cases.json' with { type: 'json' };
import response from '../../graphs/marketing.response.v1.json' with { type: 'json' };

/**
 * The decisions the seed runs beside pre-screen, pricing and renewal, published as the union's
 * standard flows at version 1 with their test cases (every case passes: `flows.test.ts` checks).
 * Like every stored graph, the files are part of this migration: never edit them.
 */
export const SEEDED_FLOWS = [
  [
    'credit.admission',
    '个人贷款准入',
    '身份、黑名单、当前逾期与涉诉拒绝；多次逾期、高负债、高龄转人工。输出 outcome（pass/refer/refuse）、reasons、rules',
    admission,
    admissionCases,
  ],
  [
    'credit.rating',
    '个人评分卡',
    '年龄、年收入、近 24 个月逾期、往来年限、存款余额分项计分；score = 400 + 4 × 分项之和，A ≥ 760，B ≥ 680，C ≥ 600，D ≥ 520，其余 E。输出 score、grade、points',
    rating,
    ratingCases,
  ],
  [
    'credit.limit',
    '授信额度测算',
    '按评级的年收入倍数与上限（A 3 倍/100 万，B 2.5 倍/50 万，C 2 倍/30 万，D 1 倍/10 万，E 无），扣减现有负债，按千元向下取整。输出 limitFen、capFen、multiple、reasons',
    limit,
    limitCases,
  ],
  [
    'credit.drawdown',
    '支用准入',
    '额度须有效、不超可用额度、无逾期、用途不得为房地产或证券；单笔超 50 万元转受托支付审核。输出 outcome、reasons、rules',
    drawdown,
    drawdownCases,
  ],
  [
    'credit.monitoring',
    '贷后监测',
    '逾期天数、征信新增逾期、大额资金流出、涉诉被执行、行业风险形成预警信号，取最高严重度。输出 level（normal/attention/warning/severe）、signals、reasons',
    monitoring,
    monitoringCases,
  ],
  [
    'marketing.response',
    '营销响应评分',
    '年龄、是否在贷、月交易笔数、距上次触达天数、渠道计分（上限 100）。输出 score 与 band（high/medium/low）',
    response,
    responseCases,
  ],
] as const;

export class RiskSeedFlows1767100000100 implements MigrationInterface {
  name = 'RiskSeedFlows1767100000100';
  async up(q: QueryRunner) {
    for (const [name, title, description, graph, cases] of SEEDED_FLOWS) {
      const content = JSON.stringify(graph);
      await q.query(
        `INSERT INTO flow (bank_id, name, title, description, stable_version, canary_version, canary_percent,
           row_version, created_at, updated_at)
         VALUES ('*', ?, ?, ?, 1, NULL, 0, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
        [name, title, description],
      );
      await q.query(
        `INSERT INTO flow_version (name, version, bank_id, title, content, hash, features, note, cases, last_test,
           status, author_id, author_name, created_at, published_at, published_by_id, published_by_name)
         VALUES (?, 1, '*', ?, ?, ?, '[]', '初始版本', ?, NULL, 'stable', 'system', '系统', UTC_TIMESTAMP(3),
           UTC_TIMESTAMP(3), 'system', '系统')`,
        [name, title, content, createHash('sha256').update(content).digest('hex'), JSON.stringify(cases)],
      );
    }
  }
  async down(q: QueryRunner) {
    const names = SEEDED_FLOWS.map(([name]) => name);
    await q.query(`DELETE FROM flow_version WHERE name IN (${names.map(() => '?').join(', ')})`, names);
    await q.query(`DELETE FROM flow WHERE name IN (${names.map(() => '?').join(', ')})`, names);
  }
}
