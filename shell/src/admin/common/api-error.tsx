import { isApiError } from '@zhanye/contracts';
import { Alert } from 'antd';
import type { CommonText } from './common.text.ts';

/** A failed call as an admin should read it: what it means, then the server's own words. */
export function describeError(error: unknown, t: CommonText): { title: string; detail?: string } {
  if (!isApiError(error)) return { title: t.unexpected };
  const tag = [error.status, error.reason ?? error.code].join(' ');
  const fields = Object.entries(error.fields)
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ');
  const detail = `${error.message}${fields ? ` — ${fields}` : ''} (${tag})`;
  if (error.status === 403) return { title: t.forbidden, detail };
  if (error.status === 404) return { title: t.notFound, detail };
  if (error.status === 409) return { title: t.conflict, detail };
  if (error.status === 400) return { title: t.invalid, detail };
  if (error.status === 0 || error.status >= 500) return { title: t.unavailable, detail };
  return { title: error.message, detail: tag };
}

/** The error above a page or form; nothing while there is none. Closable when `onClose` is given. */
export function ErrorAlert({ error, t, onClose }: { error: unknown; t: CommonText; onClose?: () => void }) {
  if (error === null || error === undefined) return null;
  const { title, detail } = describeError(error, t);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={detail}
      closable={onClose ? { onClose } : false}
      data-testid="admin-error"
      style={{ marginBottom: 16 }}
    />
  );
}
