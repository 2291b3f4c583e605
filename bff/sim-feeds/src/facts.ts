import { createHash } from 'node:crypto';
import { type FeedFact, fromFen } from '@zhanye/contracts';

/**
 * SIMULATED facts of one customer: a pure function of (seed, bank, customer, calendar month), so a
 * pull for any window and a push give the same fact the same id and time. Per month: an inflow
 * (salary or sales) and an outflow; a utility bill (1 in 10 unpaid in part); every December a tax
 * record; rarely a court record. Customers whose id hashes to 0 mod 17 have a court history.
 */
export function monthFacts(
  seed: number,
  bankId: string,
  customerRef: string,
  year: number,
  month: number,
): FeedFact[] {
  const key = `${seed}:${bankId}:${customerRef}`;
  const h = createHash('sha256').update(`${key}:${year}-${month}`).digest();
  const who = createHash('sha256').update(key).digest();
  const byte = (i: number) => h[i] ?? 0;
  const id = (kind: string) =>
    `sim-${kind}-${who.toString('hex').slice(0, 16)}-${year}${String(month).padStart(2, '0')}`;
  const at = (dayByte: number, hourByte: number) =>
    new Date(Date.UTC(year, month - 1, 1 + (dayByte % 27), hourByte % 24, 0, 0)).toISOString();
  const monthlyFen = (2_000 + (((who[0] ?? 0) * 256 + (who[1] ?? 0)) % 28_000)) * 100;
  const salaried = (who[2] ?? 0) % 3 === 0;
  const base = { bankId, customerRef };
  const inflowFen = Math.round(monthlyFen * (0.8 + byte(0) / 640));
  const facts: FeedFact[] = [
    {
      ...base,
      source: 'txn',
      factId: id('in'),
      at: at(byte(1), byte(2)),
      amount: fromFen(inflowFen),
      direction: 'in',
      channel: salaried ? 'salary' : 'sales',
    },
    {
      ...base,
      source: 'txn',
      factId: id('out'),
      at: at(byte(3), byte(4)),
      amount: fromFen(Math.round(inflowFen * (0.4 + byte(5) / 512))),
      direction: 'out',
      channel: byte(6) % 2 ? 'transfer' : 'cash',
    },
  ];
  const billed = (50 + (byte(7) % 500)) * 100;
  const paid = byte(8) % 10 === 0 ? Math.round(billed * (byte(9) / 255)) : billed;
  facts.push({
    ...base,
    source: 'utility',
    factId: id('util'),
    at: at(byte(10), byte(11)),
    kind: (['electricity', 'water', 'gas'] as const)[byte(12) % 3] as 'electricity',
    billed: fromFen(billed),
    paid: fromFen(paid),
    arrears: fromFen(billed - paid),
  });
  if (month === 12) {
    const income = monthlyFen * 12;
    facts.push({
      ...base,
      source: 'tax',
      factId: id('tax'),
      at: at(byte(13), byte(14)),
      period: `${year}-12`,
      income: fromFen(income),
      taxPaid: fromFen(Math.round(income * 0.03)),
    });
  }
  if ((who[3] ?? 0) % 17 === 0 && byte(15) % 6 === 0) {
    facts.push({
      ...base,
      source: 'court',
      factId: id('court'),
      at: at(byte(16), byte(17)),
      kind: (['lawsuit', 'enforcement', 'dishonest'] as const)[byte(18) % 3] as 'lawsuit',
      role: byte(19) % 4 ? 'defendant' : 'plaintiff',
      amount: fromFen((1 + (byte(20) % 200)) * 100_000),
      status: byte(21) % 2 ? 'open' : 'closed',
    });
  }
  return facts;
}

/** The customer's facts with `from < at <= to`. */
export function factsBetween(
  seed: number,
  bankId: string,
  customerRef: string,
  from: Date,
  to: Date,
): FeedFact[] {
  const out: FeedFact[] = [];
  let y = from.getUTCFullYear();
  let m = from.getUTCMonth() + 1;
  while (y < to.getUTCFullYear() || (y === to.getUTCFullYear() && m <= to.getUTCMonth() + 1)) {
    for (const f of monthFacts(seed, bankId, customerRef, y, m)) {
      const t = Date.parse(f.at);
      if (t > from.getTime() && t <= to.getTime()) out.push(f);
    }
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
