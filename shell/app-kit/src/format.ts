import type { Locale } from '@zhanye/contracts';

/**
 * Money and time as bank staff read them, for every front end (React apps, the shell, the Svelte
 * app). Money is formatted on its decimal string: it never passes through a JS float.
 */

const UNIT: Record<Locale, string> = { 'zh-CN': '元', 'en-US': 'CNY' };
const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/** `"1234567.5"` -> `"1,234,567.50"`; anything that is not a decimal string is returned as it came. */
export function formatAmount(amount: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign = '', whole = '0', frac = ''] = m;
  const digits = whole.replace(/^0+(?=\d)/, '');
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0').slice(0, 2)}`;
}

/** `"1234567.5"` -> `"1,234,567.50 元"` (zh-CN) or `"1,234,567.50 CNY"` (en-US). */
export function formatMoney(amount: string, locale: Locale): string {
  return `${formatAmount(amount)} ${UNIT[locale]}`;
}

/** The money unit alone (a form field's suffix, a column title). */
export const moneyUnit = (locale: Locale): string => UNIT[locale];

/** Integer fen (the risk engine's unit) as a decimal yuan string: `123456789` -> `"1234567.89"`. */
export function fenToYuan(fen: number | string): string | null {
  const s = String(fen).trim();
  if (!/^-?\d+$/.test(s)) return null;
  const sign = s.startsWith('-') ? '-' : '';
  const digits = s.replace('-', '').padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * One formatter per locale: `toLocaleString` with options builds a new `Intl.DateTimeFormat` on
 * every call, which a table of timestamps paid once per cell on every mount.
 */
const timeFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    timeFormats.set(locale, format);
  }
  return format.format(d);
}
