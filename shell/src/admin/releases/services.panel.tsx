import { formatTime } from '@zhanye/app-kit/format';
import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { type OutputOf, platformApi } from '@zhanye/contracts';
import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import type { ReleasesText } from './releases.text.ts';

type Service = OutputOf<typeof platformApi.services>['services'][number];
type Instance = Service['instances'][number];

const serviceRow = (s: Service) =>
  ({ 'data-testid': 'service-row', 'data-name': s.name }) as HTMLAttributes<HTMLElement>;
const instanceRow = (i: Instance) =>
  ({ 'data-testid': 'service-instance-row', 'data-id': i.id }) as HTMLAttributes<HTMLElement>;
const versionsOf = (s: Service) => [...new Set(s.instances.map((i) => i.version))].sort();
const total = (requests: Record<string, number>) => Object.values(requests).reduce((a, b) => a + b, 0);

/** 服务实例: each running service, its versions and instances (NATS service discovery). */
export function ServicesPanel({ api, locale, t }: ShellPageProps & { t: ReleasesText }) {
  const services = useLoad((signal) => api.call(platformApi.services, {}, { signal }), [api]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const list = services.data?.services ?? [];
  const columns: TableColumnsType<Service> = [
    {
      title: t.service,
      dataIndex: 'name',
      render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
    },
    {
      title: t.versions,
      key: 'versions',
      render: (_, s) => versionsOf(s).map((v) => <Tag key={v}>{v}</Tag>),
    },
    { title: t.instances, key: 'instances', align: 'right', render: (_, s) => s.instances.length },
  ];
  const instanceColumns: TableColumnsType<Instance> = [
    {
      title: t.instance,
      dataIndex: 'id',
      render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
    },
    { title: t.version, dataIndex: 'version' },
    { title: t.started, dataIndex: 'started', render: (v: string) => formatTime(v, locale) },
    {
      title: <Tooltip title={t.restartsHint}>{t.restarts}</Tooltip>,
      dataIndex: 'restarts',
      align: 'right',
      // a copy that had to be restarted stands out
      render: (n: number) => (
        <span data-testid="service-restarts">{n > 0 ? <Tag color="warning">{n}</Tag> : n}</span>
      ),
    },
    { title: t.requests, dataIndex: 'requests', align: 'right', render: total },
  ];
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button data-testid="services-refresh" loading={services.loading} onClick={services.reload}>
          {t.refresh}
        </Button>
      </Flex>
      {services.error !== undefined && (
        <ErrorAlert error={services.error} locale={locale} data-testid="releases-error" />
      )}
      <Table
        rowKey="name"
        size="middle"
        pagination={false}
        loading={services.loading && !services.data}
        dataSource={list}
        columns={columns}
        onRow={serviceRow}
        locale={{ emptyText: t.noServices }}
        expandable={{
          // instances shown unless the admin folds a service away
          expandedRowKeys: list.map((s) => s.name).filter((name) => !collapsed.has(name)),
          onExpand: (open, s) =>
            setCollapsed((prev) => {
              const next = new Set(prev);
              if (open) next.delete(s.name);
              else next.add(s.name);
              return next;
            }),
          expandedRowRender: (s) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={s.instances}
              columns={instanceColumns}
              onRow={instanceRow}
            />
          ),
        }}
      />
    </>
  );
}
