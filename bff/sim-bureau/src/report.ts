import { createHash } from 'node:crypto';
import type { bureauReportCall } from '@zhanye/contracts';
import type { z } from 'zod';

type Input = z.infer<(typeof bureauReportCall)['input']>;
type Report = z.input<(typeof bureauReportCall)['output']>;

/**
 * A SIMULATED bureau report: the same ID number always gets the same figures (derived from its
 * SHA-256), so tests and demos can rely on them. ID numbers ending in 0 have an overdue history and
 * those ending in 9 are on the blacklist, to show refusals. Not a real bureau.
 */
export function simulatedReport(input: Input): Report {
  const h = createHash('sha256').update(input.idNumber).digest();
  const byte = (i: number) => h[i] ?? 0;
  const last = input.idNumber.at(-2) ?? '1';
  const blacklisted = last === '9';
  const overdueAccounts = last === '0' ? 1 + (byte(0) % 3) : 0;
  const loans = byte(1) % 5;
  const outstandingFen = loans === 0 ? 0 : (byte(2) * 256 + byte(3)) * 1000;
  const score = blacklisted
    ? 350 + (byte(4) % 50)
    : overdueAccounts
      ? 480 + (byte(4) % 80)
      : 600 + (byte(4) % 250);
  const yuan = `${Math.floor(outstandingFen / 100)}.${String(outstandingFen % 100).padStart(2, '0')}`;
  return {
    reference: `SIM-${h.toString('hex').slice(0, 12).toUpperCase()}`,
    source: 'simulator',
    score,
    loans,
    outstanding: yuan,
    overdueAccounts,
    maxOverdueDays: overdueAccounts ? 30 * overdueAccounts : 0,
    queriesLast6Months: byte(5) % 6,
    blacklisted,
    summary: blacklisted
      ? '模拟征信：列入失信名单'
      : overdueAccounts
        ? `模拟征信：有 ${overdueAccounts} 个账户曾逾期`
        : '模拟征信：无逾期记录',
  };
}
