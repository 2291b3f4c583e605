import { describe, expect, it } from 'vitest';
import { addMoney, compareMoney, fromFen, normaliseMoney, subtractMoney, toFen } from './money.ts';

describe('toFen', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['0.07', 7], // 0.07 * 100 is 7.000000000000001 in floating point
    ['0.1', 10],
    ['19.99', 1999],
    ['1.10', 110],
    ['12345678.91', 1234567891],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%s yuan is %d fen exactly', (yuan, fen) => {
    const n = toFen(yuan);
    expect(n).toBe(fen);
    expect(Number.isSafeInteger(n)).toBe(true);
  });

  it('refuses more than 2 decimals instead of rounding', () => {
    expect(() => toFen('12.345')).toThrow(RangeError);
    expect(() => toFen('0.001')).toThrow(RangeError);
  });

  it('refuses amounts beyond the safe integer range', () => {
    expect(() => toFen('90071992547409.92')).toThrow(/too large/);
    expect(() => toFen('99999999999999.99')).toThrow(/too large/);
  });

  it('refuses anything but a plain non-negative decimal', () => {
    for (const bad of ['', '-1', '1e3', ' 1', '1,000', 'NaN', 'Infinity', '0x10', '.5']) {
      expect(() => toFen(bad), bad).toThrow(RangeError);
    }
  });
});

describe('normaliseMoney', () => {
  it('writes 2 decimals, as DECIMAL(16,2) reads back', () => {
    expect(normaliseMoney('12')).toBe('12.00');
    expect(normaliseMoney('12.3')).toBe('12.30');
    expect(normaliseMoney('12345678.91')).toBe('12345678.91');
    expect(normaliseMoney('99999999999999.99')).toBe('99999999999999.99');
  });

  it('refuses more than 2 decimals', () => {
    expect(() => normaliseMoney('1.005')).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and compares exactly, far beyond float precision', () => {
    expect(addMoney('0.1', '0.2')).toBe('0.30');
    expect(addMoney('99999999999999.99', '0.01')).toBe('100000000000000.00');
    expect(subtractMoney('100', '0.01')).toBe('99.99');
    expect(subtractMoney('1', '2.5')).toBe('-1.50');
    expect(compareMoney('10.00', '10')).toBe(0);
    expect(compareMoney('9.99', '10')).toBe(-1);
    expect(fromFen(1999)).toBe('19.99');
    expect(fromFen(toFen('12345678.91'))).toBe('12345678.91');
  });
});
