import { Decimal } from 'decimal.js';

/**
 * Money, the one way both sides do it: amounts are decimal strings in yuan (`"12345.67"`) in every
 * contract and `DECIMAL` in MySQL, and arithmetic goes through this one configured `decimal.js`
 * (precision 40, so no amount a bank keeps is ever rounded by the library; half-up where a rule
 * rounds). Never a JS number, except integer fen for a rules engine (`toFen`).
 */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type MoneyDecimal = InstanceType<typeof MoneyDecimal>;

/** A plain, non-negative decimal string (no sign, no exponent, no grouping). */
const PLAIN = /^\d+(\.\d+)?$/;

/** Parses a plain non-negative amount; throws a RangeError for anything else. */
export function money(amount: string): MoneyDecimal {
  if (!PLAIN.test(amount)) throw new RangeError(`not a plain decimal amount: ${JSON.stringify(amount)}`);
  return new MoneyDecimal(amount);
}

/** The form MariaDB's `DECIMAL(p,2)` gives back: `"12"` -> `"12.00"`; more than 2 decimals is refused. */
export function normaliseMoney(amount: string): string {
  const d = money(amount);
  if (d.decimalPlaces() > 2) throw new RangeError(`more than 2 decimals: ${amount}`);
  return d.toFixed(2);
}

/**
 * Yuan (decimal string) -> integer fen, exactly: `"12345678.91"` -> `1234567891`. Throws a
 * RangeError for more than 2 decimals or an amount too large to be a safe JS integer in fen
 * (above 90,071,992,547,409.91 yuan), so a rules engine never sees a float or a rounded value.
 */
export function toFen(amount: string): number {
  const fen = money(amount).mul(100);
  if (!fen.isInteger()) throw new RangeError(`more than 2 decimals: ${amount}`);
  const n = fen.toNumber();
  if (!Number.isSafeInteger(n)) throw new RangeError(`too large to express in fen: ${amount}`);
  return n;
}

/** Integer fen -> yuan with 2 decimals: `1999` -> `"19.99"`. */
export function fromFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  return new MoneyDecimal(fen).div(100).toFixed(2);
}

/** `a + b` of amounts, as a 2-decimal string. */
export const addMoney = (a: string, b: string): string => money(a).plus(money(b)).toFixed(2);
/** `a - b` of amounts (may be negative), as a 2-decimal string. */
export const subtractMoney = (a: string, b: string): string => money(a).minus(money(b)).toFixed(2);
/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export const compareMoney = (a: string, b: string): number => money(a).comparedTo(money(b));
