import { isApiError } from '@zhanye/contracts';
import { Alert } from 'antd';
import type { ReleasesText } from './releases.text.ts';

/** A failed call as the admin should read it: what it means here, then the server's own words. */
export function describeError(error: unknown, t: ReleasesText): { title: string; detail?: string } {
  if (!isApiError(error)) return { title: t.unexpected };
  const tag = [error.status, error.reason ?? error.code].join(' ');
  const detail = `${error.message} (${tag})`;
  const reason = error.reason?.toUpperCase() ?? '';
  if (reason.includes('FOUR_EYES') || reason.includes('SEPARATION')) return { title: t.fourEyes, detail };
  if (reason.includes('INCOMPATIBLE')) return { title: t.incompatible, detail };
  if (reason === 'UNION_ONLY') return { title: t.unionOnly, detail };
  if (error.status === 403) return { title: t.forbidden, detail };
  if (error.status === 0 || error.status >= 500) return { title: t.unavailable, detail };
  return { title: error.message, detail: tag };
}

export function ErrorAlert({ error, t, onClose }: { error: unknown; t: ReleasesText; onClose?: () => void }) {
  const { title, detail } = describeError(error, t);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={detail}
      closable={onClose ? { onClose } : false}
      data-testid="releases-error"
      style={{ marginBottom: 16 }}
    />
  );
}
