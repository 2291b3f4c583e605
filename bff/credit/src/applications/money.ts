import { Decimal } from 'decimal.js';

/** A plain, non-negative decimal string (no sign, no exponent, no grouping). */
const PLAIN = /^\d+(\.\d+)?$/;

function parse(amount: string): Decimal {
  if (!PLAIN.test(amount)) throw new RangeError(`not a plain decimal amount: ${JSON.stringify(amount)}`);
  return new Decimal(amount);
}

/**
 * Yuan (decimal string) -> integer fen, exactly: `"12345678.91"` -> `1234567891`. Throws a
 * RangeError for more than 2 decimals or an amount too large to be a safe JS integer in fen
 * (above 90,071,992,547,409.91 yuan), so the rules engine never sees a float or a rounded value.
 */
export function toFen(amount: string): number {
  const fen = parse(amount).mul(100);
  if (!fen.isInteger()) throw new RangeError(`more than 2 decimals: ${amount}`);
  const n = fen.toNumber();
  if (!Number.isSafeInteger(n)) throw new RangeError(`too large to express in fen: ${amount}`);
  return n;
}

/** The form MariaDB's DECIMAL(16,2) gives back: `"12"` -> `"12.00"`. */
export function normaliseMoney(amount: string): string {
  const d = parse(amount);
  if (d.decimalPlaces() > 2) throw new RangeError(`more than 2 decimals: ${amount}`);
  return d.toFixed(2);
}
