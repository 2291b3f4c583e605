import { ApiError } from '@zhanye/contracts';
import { describe, expect, it } from 'vitest';
import { describeError, fieldMessage } from './errors.ts';

describe('a failed call in the user’s words', () => {
  it('titles it by its reason or code; the server’s English is only the detail', () => {
    const e = new ApiError(404, 'NOT_FOUND', 'customer not found', {}, undefined, 'req-1');
    const zh = describeError(e, 'zh-CN');
    expect(zh.title).toBe('记录不存在，或不在你的数据权限范围内。');
    expect(zh.title).not.toMatch(/[a-z]/);
    expect(zh.detail).toContain('customer not found');
    expect(zh.detail).toContain('req-1');
    expect(describeError(e, 'en-US').title).toMatch(/does not exist/);
  });

  it('prefers a finer reason, and a page’s own words for it', () => {
    const e = new ApiError(403, 'FORBIDDEN', 'the taker cannot decide', {}, 'SEPARATION_OF_DUTIES');
    expect(describeError(e, 'zh-CN').title).toMatch(/受理人不能审批/);
    expect(describeError(e, 'zh-CN', { SEPARATION_OF_DUTIES: '请换人审批' }).title).toBe('请换人审批');
    const missing = new ApiError(404, 'NOT_FOUND', 'customer not found');
    expect(describeError(missing, 'zh-CN', { NOT_FOUND: '客户不存在' }).title).toBe('客户不存在');
  });

  it('says what a network failure or a non-API error is', () => {
    expect(describeError(new ApiError(0, 'UNAVAILABLE', 'network error'), 'zh-CN').title).toMatch(/网络/);
    expect(describeError(new Error('boom'), 'en-US').title).toMatch(/went wrong/);
    expect(describeError(new ApiError(418, 'BAD_REQUEST', 'x', {}, 'NEW_REASON'), 'zh-CN').title).toBe(
      '请检查填写的内容。',
    );
  });

  it('translates the contracts’ field messages; an unknown one is never English in Chinese', () => {
    expect(fieldMessage('required', 'zh-CN')).toBe('必填');
    expect(fieldMessage('must be greater than 0', 'zh-CN')).toBe('金额必须大于 0');
    expect(fieldMessage('Too big: expected string to have <=64 characters', 'zh-CN')).toBe('内容过长');
    expect(fieldMessage('something new', 'zh-CN')).toBe('填写有误，请检查');
    expect(fieldMessage('something new', 'en-US')).toBe('something new');
  });
});
