import { formatTime } from '@zhanye/app-kit/format';
import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { adminApi, Permissions as P, type SessionInfo } from '@zhanye/contracts';
import { App, Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { type CommonText, commonText } from '../common/common.text.ts';
import { usePaging } from '../common/use-paging.ts';
import { useRun } from '../common/use-run.ts';
import { type SessionsText, sessionsText } from './sessions.text.ts';

const sessionRow = (s: SessionInfo) =>
  ({ 'data-testid': 'session-row', 'data-username': s.username }) as HTMLAttributes<HTMLElement>;

/** 在线会话: the live sessions of my bank; end any of them. */
export default function SessionsPage(props: ShellPageProps) {
  return (
    <App component={false}>
      <Sessions {...props} t={sessionsText[props.locale]} c={commonText[props.locale]} />
    </App>
  );
}

function Sessions({ api, can, locale, t, c }: ShellPageProps & { t: SessionsText; c: CommonText }) {
  const { page, pagination } = usePaging(20, c);
  const sessions = useLoad((signal) => api.call(adminApi.listSessions, page, { signal }), [api, page]);
  const { run, failure, clear } = useRun(c);
  const time = (v: string) => formatTime(v, locale);

  const columns: TableColumnsType<SessionInfo> = [
    {
      title: t.user,
      key: 'user',
      render: (_, s) => (
        <Space size={4}>
          {s.displayName}
          <Typography.Text type="secondary">{s.username}</Typography.Text>
          {s.current && <Tag color="processing">{t.current}</Tag>}
        </Space>
      ),
    },
    { title: t.created, dataIndex: 'createdAt', render: time },
    { title: t.lastSeen, dataIndex: 'lastSeenAt', render: time },
    { title: t.idleExpires, dataIndex: 'idleExpiresAt', render: time },
    { title: t.absoluteExpires, dataIndex: 'absoluteExpiresAt', render: time },
    { title: t.ip, dataIndex: 'ip', render: (v: string | null) => v ?? '-' },
    {
      title: t.agent,
      dataIndex: 'userAgent',
      width: 240,
      ellipsis: true,
      render: (v: string | null) => v ?? '-',
    },
    {
      title: t.mfa,
      dataIndex: 'mfa',
      render: (v: boolean) => (v ? <Tag color="success">{c.yes}</Tag> : c.no),
    },
    ...(can(P.sessionRevoke)
      ? [
          {
            title: c.actions,
            key: 'actions',
            render: (_: unknown, s: SessionInfo) =>
              !s.current && (
                <Popconfirm
                  title={t.end}
                  description={t.endConfirm(s.displayName)}
                  okText={c.ok}
                  cancelText={c.cancel}
                  onConfirm={async () => {
                    await run(() => api.call(adminApi.endSession, { id: s.id }), { done: t.ended });
                    sessions.reload();
                  }}
                >
                  <Button size="small" danger data-testid="session-end">
                    {t.end}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t.title}
      data-testid="admin-sessions-page"
      extra={
        <Button data-testid="sessions-refresh" loading={sessions.loading} onClick={sessions.reload}>
          {c.refresh}
        </Button>
      }
    >
      <ErrorAlert
        error={failure ?? sessions.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      <Table
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={sessions.loading && !sessions.data}
        dataSource={sessions.data?.items ?? []}
        columns={columns}
        onRow={sessionRow}
        locale={{ emptyText: t.empty }}
        pagination={pagination(sessions.data?.total)}
      />
    </Card>
  );
}
