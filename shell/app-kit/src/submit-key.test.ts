import { ApiError } from '@zhanye/contracts';
import { describe, expect, it } from 'vitest';
import { SubmitKey } from './submit-key.ts';

describe('SubmitKey', () => {
  it('keeps the key while the outcome is unknown, and starts a new one after a definite answer', () => {
    const key = new SubmitKey();
    const first = key.current;
    for (const unknown of [
      new ApiError(0, 'UNAVAILABLE', 'network error'),
      new ApiError(503, 'UNAVAILABLE', 'down'),
      new ApiError(504, 'TIMEOUT', 'late'),
      new ApiError(409, 'CONFLICT', 'busy', {}, 'IDEMPOTENCY_IN_PROGRESS'),
    ]) {
      key.settle(unknown);
      expect(key.current).toBe(first);
    }
    key.settle(new ApiError(404, 'NOT_FOUND', 'customer not found'));
    const second = key.current;
    expect(second).not.toBe(first);
    key.settle();
    expect(key.current).not.toBe(second);
  });
});
