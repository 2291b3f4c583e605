import { formatTime, LoadError, useLoad } from '@zhanye/app-kit/react';
import {
  type FlowDetail,
  type FlowReleaseEvent,
  type FlowVersionSummary,
  Permissions,
} from '@zhanye/contracts';
import {
  Button,
  Card,
  Descriptions,
  Flex,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { CanaryText, HashText, LastTest, OwnerTag, ReleaseText, StatusTag } from './flow.parts.tsx';
import { getFlow } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';
import { ownerOf, ReleaseModal, type ReleaseOp } from './release.modal.tsx';

const versionRow = (v: FlowVersionSummary) =>
  ({
    'data-testid': 'version-row',
    'data-version': v.version,
    'data-status': v.status,
  }) as HTMLAttributes<HTMLElement>;

/** A flow: its releases, every version with the release actions, and the release history. */
export function FlowPage() {
  const { name = '' } = useParams();
  const { api, can, user, t, lang } = useFlowsText();
  const navigate = useNavigate();
  const loaded = useLoad((signal) => getFlow(api, name, signal), [api, name]);
  const [fresh, setFresh] = useState<FlowDetail>();
  const [op, setOp] = useState<ReleaseOp>();
  const flow = fresh?.name === name ? fresh : loaded.data;
  const owner = ownerOf(user.bankId);
  const mayPublish = can(Permissions.flowPublish);
  const release = flow?.[owner] ?? null;
  const latest = flow?.versions.reduce<number | undefined>(
    (m, v) => (m === undefined || v.version > m ? v.version : m),
    undefined,
  );
  const canaryRunning = release?.canaryVersion != null && release.canaryPercent > 0;

  const actionsFor = (v: FlowVersionSummary) => {
    if (!mayPublish || v.owner !== owner) return null;
    if (v.status === 'draft' && !canaryRunning) {
      return (
        <Button
          type="link"
          size="small"
          data-testid="version-publish"
          onClick={() => setOp({ kind: 'publish', version: v.version })}
        >
          {t('action.publish')}
        </Button>
      );
    }
    if (v.status === 'retired' && v.publishedAt !== null) {
      return (
        <Button
          type="link"
          size="small"
          danger
          data-testid="version-rollback"
          onClick={() => setOp({ kind: 'rollback', version: v.version })}
        >
          {t('action.rollback')}
        </Button>
      );
    }
    if (v.status === 'canary') {
      return (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            data-testid="canary-set"
            onClick={() =>
              setOp({ kind: 'canary', version: v.version, percent: release?.canaryPercent ?? 10 })
            }
          >
            {t('action.canary')}
          </Button>
          <Button
            type="link"
            size="small"
            data-testid="canary-promote"
            onClick={() => setOp({ kind: 'promote', version: v.version })}
          >
            {t('action.promote')}
          </Button>
          <Button
            type="link"
            size="small"
            danger
            data-testid="canary-abort"
            onClick={() => setOp({ kind: 'abort', version: v.version })}
          >
            {t('action.abort')}
          </Button>
        </Space>
      );
    }
    return null;
  };

  const columns: TableColumnsType<FlowVersionSummary> = [
    {
      title: t('field.version'),
      dataIndex: 'version',
      render: (n: number) => (
        <Link to={`/flows/${name}/versions/${n}`} data-testid="version-link">
          {t('version', { n })}
        </Link>
      ),
    },
    { title: t('field.status'), dataIndex: 'status', render: (_, v) => <StatusTag status={v.status} /> },
    { title: t('field.owner'), dataIndex: 'owner', render: (_, v) => <OwnerTag owner={v.owner} /> },
    { title: t('field.note'), dataIndex: 'note', ellipsis: true },
    { title: t('field.author'), dataIndex: 'authorName' },
    { title: t('field.hash'), dataIndex: 'hash', render: (h: string) => <HashText hash={h} /> },
    { title: t('field.cases'), key: 'test', render: (_, v) => <LastTest v={v} /> },
    {
      title: t('field.publishedAt'),
      dataIndex: 'publishedAt',
      render: (at: string | null, v) =>
        at ? `${formatTime(at, lang)}${v.publishedByName ? ` · ${v.publishedByName}` : ''}` : t('none'),
    },
    {
      title: t('field.actions'),
      key: 'actions',
      render: (_, v) => (
        <Space size={0}>
          <Link to={`/flows/${name}/versions/${v.version}`}>{t('open')}</Link>
          {actionsFor(v)}
        </Space>
      ),
    },
  ];
  const historyColumns: TableColumnsType<FlowReleaseEvent> = [
    { title: t('field.at'), dataIndex: 'at', render: (v: string) => formatTime(v, lang) },
    {
      title: t('field.action'),
      dataIndex: 'action',
      render: (a: FlowReleaseEvent['action']) => t(`action.${a}`),
    },
    { title: t('field.version'), dataIndex: 'version', render: (n: number) => t('version', { n }) },
    {
      title: t('field.canary'),
      dataIndex: 'canaryPercent',
      render: (p: number) => (p ? `${p}%` : t('canary.none')),
    },
    {
      title: t('field.owner'),
      dataIndex: 'owner',
      render: (o: FlowReleaseEvent['owner']) => <OwnerTag owner={o} />,
    },
    { title: t('field.actor'), dataIndex: 'actorName' },
    { title: t('field.note'), dataIndex: 'note' },
  ];

  return (
    <div data-testid="flow-detail">
      <PageHeader
        crumbs={[{ title: t('app') }, { title: t('flows'), to: '/flows' }, { title: flow?.title ?? name }]}
        title={flow?.title ?? name}
        tags={flow && <OwnerTag owner={flow.answering} />}
        extra={
          latest !== undefined &&
          can(Permissions.flowEdit) && (
            <Button
              type="primary"
              data-testid="flow-edit-latest"
              onClick={() => navigate(`/flows/${name}/versions/${latest}?tab=edit`)}
            >
              {t('flow.editLatest')}
            </Button>
          )
        }
      />
      {loaded.error !== undefined && !flow ? (
        <LoadError error={loaded.error} reasons={{ NOT_FOUND: t('flow.notFound') }} />
      ) : (
        <Flex vertical gap={16}>
          <Card loading={!flow}>
            {flow && (
              <Descriptions
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  { key: 'name', label: t('field.name'), children: flow.name },
                  {
                    key: 'answering',
                    label: t('field.answering'),
                    children: <OwnerTag owner={flow.answering} />,
                  },
                  ...(['union', 'bank'] as const)
                    .filter((o) => flow[o])
                    .map((o) => ({
                      key: o,
                      label: t(`owner.${o}`),
                      children: (
                        <Space size={4}>
                          <ReleaseText release={flow[o]} />
                          <CanaryText release={flow[o]} />
                        </Space>
                      ),
                    })),
                  {
                    key: 'description',
                    label: t('field.description'),
                    span: 'filled' as const,
                    children: flow.description || t('none'),
                  },
                ]}
              />
            )}
          </Card>
          {flow && (
            <Card>
              <Tabs
                items={[
                  {
                    key: 'versions',
                    label: t('tab.versions'),
                    children: (
                      <Table
                        rowKey="version"
                        size="middle"
                        dataSource={flow.versions}
                        columns={columns}
                        onRow={versionRow}
                        pagination={false}
                      />
                    ),
                  },
                  {
                    key: 'history',
                    label: t('tab.history'),
                    children: (
                      <Table
                        rowKey={(e) => `${e.at}-${e.action}-${e.version}`}
                        size="middle"
                        dataSource={flow.history}
                        columns={historyColumns}
                        pagination={false}
                        locale={{
                          emptyText: <Typography.Text type="secondary">{t('none')}</Typography.Text>,
                        }}
                      />
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </Flex>
      )}
      {flow && op && (
        <ReleaseModal
          flow={flow}
          op={op}
          onClose={() => setOp(undefined)}
          onDone={(d) => {
            setOp(undefined);
            setFresh(d);
          }}
        />
      )}
    </div>
  );
}
