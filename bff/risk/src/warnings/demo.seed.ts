import type { RelationKind, RelationParty } from '@zhanye/contracts';
import type { Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { WarningService } from './warning.service.ts';

/**
 * Demo data (ZY_SEED_DEMO=1 only): a small relation graph around bank-a's demo customers (the
 * customer center will publish relations; until then these stand in), and two signals, so the
 * warnings page has warnings, some of them travelled along relations. The refs are the demo's own
 * (`demo-…`), not the customer service's ids: idempotent, safe to run at every start.
 */
const br1 = { managerId: 'u-am1', managerName: '张伟', orgId: 'a-br1', orgPath: '/bank-a/a-hq/a-br1/' };
const br2 = { managerId: 'u-am2', managerName: '刘洋', orgId: 'a-br2', orgPath: '/bank-a/a-hq/a-br2/' };
const bBr1 = { managerId: 'u-bam1', managerName: '孙磊', orgId: 'b-br1', orgPath: '/bank-b/b-hq/b-br1/' };

const party = (customerRef: string, name: string, m: typeof br1): RelationParty => ({
  customerRef,
  name,
  ...m,
});

const A = {
  ljg: party('demo-a-ljg', '李建国', br1),
  wxy: party('demo-a-wxy', '王秀英', br1),
  zdy: party('demo-a-zdy', '赵大勇', br1),
  qlh: party('demo-a-qlh', '钱丽华', br1),
  sds: party('demo-a-sds', '孙德胜', br2),
  lm: party('demo-a-lm', '李明', br2),
  coop: party('demo-a-coop', '赵氏农机专业合作社', br1),
  cgf: party('demo-a-cgf', '陈桂芳', br2),
};
const B = { zm: party('demo-b-zm', '周明', bBr1), zxh: party('demo-b-zxh', '周小红', bBr1) };

export const demoRelations: [
  bank: string,
  from: RelationParty,
  to: RelationParty,
  kind: RelationKind,
  weight: string,
][] = [
  // 李建国 guarantees 孙德胜's loan; 孙德胜 guarantees 赵大勇's: a chain of guarantees
  ['bank-a', A.ljg, A.sds, 'guarantor', '1.0000'],
  ['bank-a', A.sds, A.zdy, 'guarantor', '0.8000'],
  // 李建国's family: his wife and his son
  ['bank-a', A.ljg, A.wxy, 'family', '0.9000'],
  ['bank-a', A.ljg, A.lm, 'family', '0.8000'],
  // 赵大勇 runs the cooperative, 钱丽华 works there
  ['bank-a', A.zdy, A.coop, 'employer', '0.9000'],
  ['bank-a', A.qlh, A.coop, 'employer', '0.6000'],
  // the cooperative guarantees 孙德胜 too: a cycle 孙德胜 - 赵大勇 - 合作社 - 孙德胜
  ['bank-a', A.coop, A.sds, 'guarantor', '0.7000'],
  // shared phone and address
  ['bank-a', A.qlh, A.wxy, 'phone', '0.5000'],
  ['bank-a', A.sds, A.cgf, 'address', '0.6000'],
  ['bank-b', B.zm, B.zxh, 'family', '0.9000'],
];

export async function seedWarningDemo(ds: DataSource, service: WarningService, log: Logger) {
  await ds.transaction(async (m) => {
    for (const [bank, from, to, kind, weight] of demoRelations)
      await service.relationChanged(m, bank, { from, to, kind, weight, removed: false });
  });
  const court = await service.signal('bank-a', {
    sourceId: 'demo:court:ljg',
    customerRef: A.ljg.customerRef,
    kind: 'court',
    severity: 'high',
    facts: { amountFen: 38_000_000, court: '青山县人民法院', caseType: 'enforcement' },
    at: '2026-12-01T02:00:00.000Z',
  });
  const overdue = await service.signal('bank-a', {
    sourceId: 'demo:overdue:zdy',
    customerRef: A.zdy.customerRef,
    kind: 'overdue',
    severity: 'high',
    facts: { overdueDays: 35, overdueAmount: '12500.00', loanId: 'demo-loan-zdy' },
    at: '2026-12-03T01:00:00.000Z',
  });
  if (court.fresh || overdue.fresh)
    log.info(
      { warnings: court.warningIds.length + overdue.warningIds.length },
      'demo relations and warnings seeded',
    );
}
