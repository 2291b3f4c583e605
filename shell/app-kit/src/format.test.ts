import { describe, expect, it } from 'vitest';
import { fenToYuan, formatAmount, formatMoney } from './format.ts';

describe('money on screen', () => {
  it('groups thousands and keeps two decimals, on the string', () => {
    expect(formatAmount('1234567.5')).toBe('1,234,567.50');
    expect(formatAmount('0')).toBe('0.00');
    expect(formatAmount('-1000.05')).toBe('-1,000.05');
    // beyond a float's 15-16 significant digits: nothing is rounded
    expect(formatAmount('999999999999.99')).toBe('999,999,999,999.99');
    expect(formatAmount('12345678901234567890.12')).toBe('12,345,678,901,234,567,890.12');
  });

  it('names the unit in the user’s language', () => {
    expect(formatMoney('80000', 'zh-CN')).toBe('80,000.00 元');
    expect(formatMoney('80000', 'en-US')).toBe('80,000.00 CNY');
  });

  it('leaves what is not a decimal string as it came', () => {
    expect(formatAmount('abc')).toBe('abc');
  });

  it('turns integer fen into a yuan decimal string without a float', () => {
    expect(fenToYuan(123456789)).toBe('1234567.89');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan('-150')).toBe('-1.50');
    expect(fenToYuan('9007199254740993')).toBe('90071992547409.93');
    expect(fenToYuan('1.5')).toBeNull();
  });
});
