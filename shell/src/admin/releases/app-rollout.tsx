import { formatTime } from '@zhanye/app-kit/format';
import { type AppRollout, Permissions, platformApi, type Release, type RolloutRule } from '@zhanye/contracts';
import { Button, Flex, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ComponentProps, HTMLAttributes } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import type { ReleasesText } from './releases.text.ts';
import type { Run } from './rollout.panel.tsx';
import { RuleForm } from './rule-form.tsx';

type Event = AppRollout['history'][number];
type Props = ShellPageProps & {
  t: ReleasesText;
  rollout: AppRollout;
  apps: AppRollout[];
  run: Run;
  /** A bank's release manager: only `bank` rules for this bank are theirs (null: the union's, every rule). */
  onlyBank: string | null;
};

const HISTORY_SHOWN = 20;
const stateColor: Record<RolloutRule['state'], string> = {
  pending_approval: 'warning',
  active: 'success',
  paused: 'default',
  retired: 'default',
};

const releaseRow = (r: Release) =>
  ({ 'data-testid': 'release-row', 'data-version': r.version }) as HTMLAttributes<HTMLElement>;
const ruleRow = (r: RolloutRule) =>
  ({ 'data-testid': 'rule-row', 'data-id': r.id, 'data-state': r.state }) as HTMLAttributes<HTMLElement>;
const historyRow = (e: Event) =>
  ({ 'data-testid': 'history-row', 'data-action': e.action }) as HTMLAttributes<HTMLElement>;

/** The version everyone gets unless another rule matches them. */
export function defaultVersion(rollout: AppRollout): string | undefined {
  return rollout.rules.find((r) => r.kind === 'default' && r.state === 'active')?.version;
}

/** Under four-eyes a promote only requests the new default. */
function waitsForApproval(rollout: AppRollout, version: string): boolean {
  return rollout.rules.some(
    (r) => r.kind === 'default' && r.version === version && r.state === 'pending_approval',
  );
}

/**
 * One app: its releases (promote), its rules (approve, pause, resume, add), rollback, history.
 * A bank's release manager sees the actions on their bank's rules only.
 */
export function AppRolloutView(props: Props) {
  const { api, can, locale, t, rollout, run, onlyBank } = props;
  const app = rollout.app;
  const union = onlyBank === null;
  const manage = can(Permissions.releaseManage);
  const approve = can(Permissions.releaseApprove);
  const mine = (r: RolloutRule) => union || (r.kind === 'bank' && r.target === onlyBank);
  const current = defaultVersion(rollout);
  const confirm = { okText: t.ok, cancelText: t.cancel };
  // the release API names people by user id (no name yet): shown as the identifier it is
  const actorName = (a: string) =>
    a.startsWith('system:') ? t.systemActor : <Typography.Text code>{a}</Typography.Text>;

  const releaseColumns: TableColumnsType<Release> = [
    {
      title: t.version,
      dataIndex: 'version',
      render: (v: string) => (
        <Space size={4}>
          <Typography.Text strong>{v}</Typography.Text>
          {v === current && <Tag color="processing">{t.isDefault}</Tag>}
        </Space>
      ),
    },
    { title: t.builtAt, dataIndex: 'builtAt', render: (v: string) => formatTime(v, locale) },
    {
      title: t.commit,
      dataIndex: 'commit',
      render: (c: string) => <Typography.Text code>{c.slice(0, 10) || '-'}</Typography.Text>,
    },
    { title: t.contract, dataIndex: 'contractVersion' },
    {
      title: t.shared,
      dataIndex: 'shared',
      width: 280,
      render: (shared: Record<string, string>) => (
        <Flex wrap gap={4}>
          {Object.entries(shared).map(([name, range]) => (
            <Tag key={name}>
              {name} {range}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t.registeredBy, dataIndex: 'registeredBy', render: actorName },
    ...(manage && union
      ? [
          {
            title: t.actions,
            key: 'actions',
            render: (_: unknown, r: Release) =>
              r.version !== current && (
                <Popconfirm
                  {...confirm}
                  title={t.promote}
                  description={t.promoteConfirm(r.version)}
                  onConfirm={() =>
                    run(
                      () => api.call(platformApi.promote, { app, version: r.version }),
                      (after) => (waitsForApproval(after, r.version) ? t.rulePending : t.done),
                    )
                  }
                >
                  <Button size="small" data-testid="release-promote">
                    {t.promote}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  const ruleColumns: TableColumnsType<RolloutRule> = [
    { title: t.kind, dataIndex: 'kind', render: (k: RolloutRule['kind']) => t.kinds[k] },
    { title: t.target, dataIndex: 'target', render: (v: string | null) => v ?? '-' },
    { title: t.percent, dataIndex: 'percent', render: (p: number | null) => (p === null ? '-' : `${p}%`) },
    { title: t.version, dataIndex: 'version' },
    {
      title: t.state,
      dataIndex: 'state',
      render: (s: RolloutRule['state']) => (
        <Tag color={stateColor[s]} data-testid="rule-state">
          {t.states[s]}
        </Tag>
      ),
    },
    { title: t.requestedBy, dataIndex: 'requestedBy', render: actorName },
    { title: t.approvedBy, dataIndex: 'approvedBy', render: (v: string | null) => v ?? '-' },
    {
      title: t.actions,
      key: 'actions',
      render: (_, r) => (
        <Space size={4}>
          {approve && mine(r) && r.state === 'pending_approval' && (
            <Button
              size="small"
              type="primary"
              data-testid="rule-approve"
              onClick={() => run(() => api.call(platformApi.approveRule, { id: r.id }))}
            >
              {t.approve}
            </Button>
          )}
          {manage && mine(r) && r.state === 'active' && r.kind !== 'default' && (
            <Button
              size="small"
              data-testid="rule-pause"
              onClick={() => run(() => api.call(platformApi.pauseRule, { id: r.id }))}
            >
              {t.pause}
            </Button>
          )}
          {manage && mine(r) && r.state === 'paused' && (
            <Button
              size="small"
              data-testid="rule-resume"
              onClick={() => run(() => api.call(platformApi.resumeRule, { id: r.id }))}
            >
              {t.resume}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  /** An event's facts as `label: value`, values in words where they are codes (kinds, states, times). */
  const eventFacts = (d: Record<string, unknown>) =>
    Object.entries(d)
      .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => {
        const value =
          k === 'kind'
            ? (t.kinds[v as RolloutRule['kind']] ?? String(v))
            : k === 'state'
              ? (t.states[v as RolloutRule['state']] ?? String(v))
              : k === 'builtAt'
                ? formatTime(String(v), locale)
                : k === 'via'
                  ? (t.events[String(v)] ?? String(v))
                  : k === 'commit'
                    ? String(v).slice(0, 10)
                    : String(v);
        return `${t.eventFacts[k] ?? k}: ${value}`;
      })
      .join(' · ');

  const historyColumns: TableColumnsType<Event> = [
    { title: t.at, dataIndex: 'at', render: (v: string) => formatTime(v, locale) },
    { title: t.action, dataIndex: 'action', render: (a: string) => <Tag>{t.events[a] ?? a}</Tag> },
    { title: t.version, dataIndex: 'version', render: (v: string | null) => v ?? '-' },
    { title: t.actor, dataIndex: 'actor', render: actorName },
    {
      title: t.detail,
      dataIndex: 'detail',
      width: 420,
      render: (d: Record<string, unknown>) => {
        const facts = eventFacts(d);
        return facts ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {facts}
          </Typography.Text>
        ) : (
          '-'
        );
      },
    },
  ];

  const releases = [...rollout.releases].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const rules = rollout.rules.filter((r) => r.state !== 'retired');
  const history = [...rollout.history].sort((a, b) => b.at.localeCompare(a.at)).slice(0, HISTORY_SHOWN);

  return (
    <Flex vertical gap={24} data-testid={`app-rollout-${app}`}>
      <section>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t.versions}
          </Typography.Title>
          {manage && union && (
            <Popconfirm
              {...confirm}
              title={t.rollback}
              description={t.rollbackConfirm}
              onConfirm={() => run(() => api.call(platformApi.rollback, { app }))}
            >
              <Button danger data-testid="app-rollback">
                {t.rollback}
              </Button>
            </Popconfirm>
          )}
        </Flex>
        <CompactTable rowKey="version" dataSource={releases} columns={releaseColumns} onRow={releaseRow} />
      </section>
      <section>
        <Typography.Title level={5}>{t.rules}</Typography.Title>
        <CompactTable rowKey="id" dataSource={rules} columns={ruleColumns} onRow={ruleRow} />
      </section>
      {manage && (
        <section>
          <Typography.Title level={5}>{t.addRule}</Typography.Title>
          <RuleForm {...props} />
        </section>
      )}
      <section>
        <Typography.Title level={5}>{t.history}</Typography.Title>
        <CompactTable rowKey="id" dataSource={history} columns={historyColumns} onRow={historyRow} />
      </section>
    </Flex>
  );
}

/** The page's tables: small, unpaged, scrolling sideways on narrow screens. */
function CompactTable<T extends object>(props: ComponentProps<typeof Table<T>>) {
  return <Table<T> size="small" pagination={false} scroll={{ x: 'max-content' }} {...props} />;
}
