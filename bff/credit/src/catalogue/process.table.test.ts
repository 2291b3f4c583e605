import { ProcessRule } from '@zhanye/contracts';
import { describe, expect, it } from 'vitest';
import { condition, NO_MATCH, ProcessTables } from './process.table.ts';
import { defaultProcessRules } from './standard.ts';

const row = (r: Partial<ProcessRule>) =>
  ProcessRule.parse({ mode: 'staffed', approvalLevel: 'branch', ...r });
const base = { guaranteeType: 'credit', segment: 'existing', prescreen: 'pass' } as const;

describe('process-mode table', () => {
  it('turns a row into a ZEN expression over the case, amounts in integer fen', () => {
    expect(condition(row({}))).toBe('true');
    expect(condition(row({ productCodes: ['*'] }))).toBe('true');
    expect(
      condition(
        row({
          productCodes: ['CONSUMER', 'BUSINESS'],
          minAmount: '1000000.01',
          maxAmount: '2000000',
          guaranteeTypes: ['credit'],
          segments: ['merchant'],
          prescreen: ['pass'],
        }),
      ),
    ).toBe(
      'productCode in ["CONSUMER","BUSINESS"] and amountFen >= 100000001 and amountFen <= 200000000 and ' +
        'guaranteeType in ["credit"] and segment in ["merchant"] and prescreen in ["pass"]',
    );
  });

  it('answers with the first row that holds (1-based), or the careful default when none does', async () => {
    const tables = new ProcessTables();
    const key = { bankId: 'unit', version: 1 };
    const decide = (productCode: string, amount: string) =>
      tables.decide(key, defaultProcessRules, { ...base, productCode, amount });
    expect(await decide('CONSUMER', '50000')).toEqual({ mode: 'online', approvalLevel: 'branch', row: 1 });
    expect(await decide('FARMER_CREDIT', '80000')).toEqual({
      mode: 'oneStop',
      approvalLevel: 'branch',
      row: 2,
    });
    expect(await decide('MORTGAGE_BUSINESS', '4000000')).toEqual({
      mode: 'division',
      approvalLevel: 'branch',
      row: 3,
    });
    expect(await decide('BUSINESS', '500000')).toEqual({ mode: 'staffed', approvalLevel: 'branch', row: 4 });
    expect(await decide('BUSINESS', '500000.01')).toEqual({ mode: 'staffed', approvalLevel: 'hq', row: 5 });
    const narrow = [row({ productCodes: ['CONSUMER'], mode: 'online' })];
    expect(
      await tables.decide({ bankId: 'unit', version: 2 }, narrow, {
        ...base,
        productCode: 'BUSINESS',
        amount: '1',
      }),
    ).toEqual(NO_MATCH);
  });
});
