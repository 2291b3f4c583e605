import { isApiError } from '@zhanye/contracts';
import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import type { CommonText } from './common.text.ts';

export interface RunOptions<T = unknown, F = unknown> {
  /** The success message (default: 操作成功). */
  done?: string | ((result: T) => string);
  /** A 400's field messages go next to these fields. */
  form?: FormInstance<F>;
}

/**
 * Runs one admin action: a success message, or the error kept for the page's alert (and a 400's
 * field messages shown on the form). Resolves to the result, or undefined when it failed.
 */
export function useRun(t: CommonText) {
  const { message } = App.useApp();
  const [failure, setFailure] = useState<unknown>(null);
  const run = useCallback(
    async <T, F = unknown>(
      action: () => Promise<T>,
      options: RunOptions<T, F> = {},
    ): Promise<T | undefined> => {
      setFailure(null);
      try {
        const result = await action();
        const { done } = options;
        message.success(typeof done === 'function' ? done(result) : (done ?? t.done));
        return result;
      } catch (error) {
        if (options.form && isApiError(error) && error.status === 400) {
          // field names come from the server: an untyped form view of the same instance
          const form = options.form as unknown as FormInstance;
          const known = new Set(Object.keys(form.getFieldsValue() as object));
          const fields = Object.entries(error.fields).filter(([name]) => known.has(name.split('.')[0]!));
          form.setFields(fields.map(([name, errors]) => ({ name: name.split('.'), errors })));
        }
        setFailure(error);
        return undefined;
      }
    },
    [message, t],
  );
  const clear = useCallback(() => setFailure(null), []);
  return { run, failure, clear };
}
