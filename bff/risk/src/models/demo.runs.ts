import type { Principal } from '@zhanye/contracts';
import { type Logger, systemPrincipal } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { Flows } from '../ports.ts';

/** A small deterministic generator (mulberry32): the same demo every start. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAYS = 30;
const PER_DAY = 8;

/**
 * Demo only (`ZY_SEED_DEMO`): a month of decisions of bank-a for the models register's monitoring,
 * made through the real decide path (so each run is what a caller would have stored), then dated
 * back one day at a time. Applicants of the last ten days ask for more against lower incomes, so the
 * pre-screen's and admission's watched inputs drift (the PSI shows it). Nothing if runs exist.
 */
export async function seedDemoRuns(ds: DataSource, flows: Pick<Flows, 'decide'>, log: Logger) {
  const [{ n }] = await ds.query(
    "SELECT COUNT(*) AS n FROM decision_run WHERE bank_id = 'bank-a' AND subject_ref LIKE 'demo-model:%'",
  );
  if (Number(n) > 0) return;
  const caller: Principal = {
    ...systemPrincipal('risk-demo'),
    bankId: 'bank-a',
    bankName: '青山农商银行',
    orgId: 'a-hq',
    orgPath: '/bank-a/a-hq/',
    orgName: '青山农商银行总行',
  };
  const r = random(20261208);
  const made: { id: string; day: number }[] = [];
  for (let day = DAYS - 1; day >= 0; day--) {
    const drift = day < 10 ? 1 : 0;
    for (let i = 0; i < PER_DAY; i++) {
      const income = Math.round((60_000 + r() * 240_000) * (drift ? 0.7 : 1)) * 100;
      const amount = Math.round((20_000 + r() * (drift ? 600_000 : 400_000)) / 1000) * 100_000;
      const ref = `demo-model:${day}:${i}`;
      const decided = await Promise.all([
        flows.decide(caller, {
          name: 'credit.prescreen',
          subjectRef: ref,
          input: {
            amountFen: amount,
            annualIncomeFen: income,
            termMonths: 12 + 12 * Math.floor(r() * 3),
            productCode: 'CONSUMER',
          },
        }),
        flows.decide(caller, {
          name: 'credit.admission',
          subjectRef: ref,
          input: {
            ageYears: 22 + Math.floor(r() * 40),
            blacklisted: r() < 0.03,
            overdueTimes24m: r() < 0.15 ? 1 + Math.floor(r() * 4) : 0,
            currentOverdueFen: 0,
            courtRecords: r() < 0.04 ? 1 : 0,
            annualIncomeFen: income,
            existingDebtFen: Math.round(r() * income * (drift ? 1.2 : 0.6)),
          },
        }),
      ]);
      for (const d of decided) if (d.runId) made.push({ id: d.runId, day });
    }
  }
  for (let day = 1; day < DAYS; day++) {
    const ids = made.filter((m) => m.day === day).map((m) => m.id);
    if (ids.length === 0) continue;
    await ds.query(
      `UPDATE decision_run SET created_at = created_at - INTERVAL ${day} DAY WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
  }
  log.info({ runs: made.length }, 'demo: a month of decisions for the models register');
}
