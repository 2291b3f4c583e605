import { formatTime } from '@zhanye/app-kit/format';
import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { accountApi, type SessionInfo } from '@zhanye/contracts';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { CommonText } from '../admin/common/common.text.ts';
import { useRun } from '../admin/common/use-run.ts';
import type { ShellPageProps } from '../pages/shell-pages.ts';
import type { AccountText } from './account.text.ts';

const row = (s: SessionInfo) =>
  ({
    'data-testid': 'account-session-row',
    'data-current': String(s.current),
  }) as HTMLAttributes<HTMLElement>;

/** My live sessions, this one marked; the others can be ended. */
export function SessionsPanel({ api, locale, t, c }: ShellPageProps & { t: AccountText; c: CommonText }) {
  const sessions = useLoad((signal) => api.call(accountApi.mySessions, {}, { signal }), [api]);
  const { run, failure, clear } = useRun(c);
  const others = (sessions.data?.items ?? []).filter((s) => !s.current);
  const time = (v: string) => formatTime(v, locale);

  async function end(ids: string[]) {
    await run(() => Promise.all(ids.map((id) => api.call(accountApi.endMySession, { id }))), {
      done: t.ended(ids.length),
    });
    sessions.reload();
  }

  const columns: TableColumnsType<SessionInfo> = [
    { title: t.created, dataIndex: 'createdAt', render: time },
    { title: t.lastSeen, dataIndex: 'lastSeenAt', render: time },
    { title: t.expires, dataIndex: 'idleExpiresAt', render: time },
    { title: t.ip, dataIndex: 'ip', render: (v: string | null) => v ?? '-' },
    {
      title: t.agent,
      dataIndex: 'userAgent',
      ellipsis: true,
      width: 260,
      render: (v: string | null) => v ?? '-',
    },
    { title: t.mfaUsed, dataIndex: 'mfa', render: (v: boolean) => (v ? c.yes : c.no) },
    {
      title: c.actions,
      key: 'actions',
      render: (_, s) =>
        s.current ? (
          <Tag color="processing" data-testid="account-session-current">
            {t.current}
          </Tag>
        ) : (
          <Button size="small" danger data-testid="account-session-end" onClick={() => void end([s.id])}>
            {t.end}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t.sessions}
      data-testid="account-sessions"
      extra={
        <Button
          danger
          disabled={others.length === 0}
          data-testid="account-end-others"
          onClick={() => void end(others.map((s) => s.id))}
        >
          {t.endOthers}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t.sessionsHint}</Typography.Paragraph>
      <ErrorAlert
        error={failure ?? sessions.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={sessions.loading && !sessions.data}
        dataSource={sessions.data?.items ?? []}
        columns={columns}
        onRow={row}
      />
    </Card>
  );
}
