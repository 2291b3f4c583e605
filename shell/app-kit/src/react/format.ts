import type { Locale } from '@zhanye/contracts';

/** `"1234567.5"` -> `"1,234,567.50"`, on the string: a decimal never passes through a float. */
export function formatMoney(amount: string): string {
  const [int = '0', frac = ''] = amount.replace(/^-/, '').split('.');
  const sign = amount.startsWith('-') ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
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
