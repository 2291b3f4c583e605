import type { MigrationInterface, QueryRunner } from 'typeorm';
import pricingV1 from '../graphs/credit.pricing.v1.json' with { type: 'json' };
import renewalV1 from '../graphs/credit.renewal.v1.json' with { type: 'json' };

/**
 * The default pricing graph (差异化定价: the spread over the LPR by guarantee type, customer
 * segment, amount band, term and product kind) and the renewal graph (自动续授信), both active at
 * version 1. They answer credit until the risk console can publish edited versions. Like every
 * stored graph, the files are part of this migration: never edit them, publish a new version.
 */
export class RiskPricingRenewalGraphs1766500000000 implements MigrationInterface {
  name = 'RiskPricingRenewalGraphs1766500000000';
  async up(q: QueryRunner) {
    for (const [key, title, content] of [
      ['credit.pricing', '贷款差异化定价', pricingV1],
      ['credit.renewal', '额度到期续授信', renewalV1],
    ] as const) {
      await q.query(
        `INSERT INTO decision_graph (graph_key, version, title, content, active, created_at)
         VALUES (?, 1, ?, ?, 1, UTC_TIMESTAMP(3))`,
        [key, title, JSON.stringify(content)],
      );
    }
  }
  async down(q: QueryRunner) {
    await q.query(
      "DELETE FROM decision_graph WHERE graph_key IN ('credit.pricing', 'credit.renewal') AND version = 1",
    );
  }
}
