import { formatMoney, formatTime, Link } from '@zhanye/app-kit/react';
import { type customerApi, type OutputOf, Permissions } from '@zhanye/contracts';
import { Empty, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useShell } from '../../lib/i18n.ts';

type Entry = OutputOf<typeof customerApi.timeline>['items'][number];
type Shell = ReturnType<typeof useShell>;

/**
 * How each detail the services record is shown: its label and its value in the user's words.
 * A detail not listed here is not shown (never a raw key or value on screen).
 */
const DETAILS: Record<string, (v: unknown, s: Shell) => string | null> = {
  by: (v) => (typeof v === 'string' ? v : null),
  productCode: (v, { t }) => (typeof v === 'string' ? (t.opt(`product.${v}`) ?? null) : null),
  amount: (v, { lang }) => (typeof v === 'string' ? formatMoney(v, lang) : null),
  termMonths: (v, { t }) => (typeof v === 'number' ? t('months', { n: v }) : null),
  approvedBy: (v) => (typeof v === 'string' ? v : null),
};

function DetailLine({ detail }: { detail: Entry['detail'] }) {
  const shell = useShell();
  const { t, can } = shell;
  const parts: ReactNode[] = [];
  for (const [key, show] of Object.entries(DETAILS)) {
    const value = key in detail ? show(detail[key], shell) : null;
    if (value !== null) parts.push(t('detail.item', { label: t.opt(`detail.${key}`) ?? '', value }));
  }
  const applicationId = detail.applicationId;
  return (
    <Typography.Text type="secondary">
      {parts.join(' · ')}
      {typeof applicationId === 'string' && can(Permissions.applicationRead) && (
        <>
          {parts.length > 0 && ' · '}
          <Link to={`/credit/${applicationId}`}>{t('timeline.openApplication')}</Link>
        </>
      )}
    </Typography.Text>
  );
}

/** The customer's journey, newest first. */
export function CustomerTimeline({ entries }: { entries: Entry[] }) {
  const { t, lang } = useShell();
  // Titles come from the server in Chinese; other locales translate the kinds they know.
  const title = (e: Entry) => (lang === 'zh-CN' ? e.title : (t.opt(`kind.${e.kind}`) ?? e.title));
  if (!entries.length) return <Empty description={t('timeline.empty')} />;
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        content: (
          <div data-testid="timeline-entry" data-kind={e.kind}>
            <Typography.Text strong>{title(e)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {formatTime(e.occurredAt, lang)}
            </Typography.Text>
            <div>
              <DetailLine detail={e.detail} />
            </div>
          </div>
        ),
      }))}
    />
  );
}
