import { formatMoney, formatTime } from '@zhanye/app-kit/react';
import type { customerApi, OutputOf } from '@zhanye/contracts';
import { Empty, Timeline, Typography } from 'antd';
import { useShell } from '../../lib/shell.ts';

type Entry = OutputOf<typeof customerApi.timeline>['items'][number];
const MONEY = new Set(['amount', 'annualIncome']);

function DetailLine({ detail }: { detail: Entry['detail'] }) {
  const { t } = useShell();
  const parts = Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => {
      const value = MONEY.has(k) ? `${formatMoney(String(v))} ${t('yuan')}` : String(v);
      return `${t.opt(`detail.${k}`) ?? k}: ${value}`;
    });
  return parts.length ? <Typography.Text type="secondary">{parts.join(' · ')}</Typography.Text> : null;
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
