import type { Locale } from '@zhanye/contracts';

/** `"1234567.5"` -> `"1,234,567.50"`, on the string: a decimal never passes through a float. */
export function formatMoney(amount: string): string {
  const [int = '0', frac = ''] = amount.replace(/^-/, '').split('.');
  const sign = amount.startsWith('-') ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
}

export function formatTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
