import { LoadError, useLoad } from '@zhanye/app-kit/react';
import type { FlowDiff, FlowVersion } from '@zhanye/contracts';
import { Card, Empty, Flex, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { diffVersions, getFlow } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';

type Changed = FlowDiff['nodes']['changed'][number];

/** 差异: what changed from another version to this one — nodes, table rows, connections, features. */
export function DiffTab({ version }: { version: FlowVersion }) {
  const { api, t } = useFlowsText();
  const flow = useLoad((signal) => getFlow(api, version.name, signal), [api, version.name]);
  const others = (flow.data?.versions ?? []).filter((v) => v.version !== version.version);
  const [picked, setPicked] = useState<number>();
  const other = picked ?? others.find((v) => v.version < version.version)?.version ?? others[0]?.version;
  const diff = useLoad(
    (signal) =>
      other === undefined
        ? Promise.resolve(undefined)
        : diffVersions(
            api,
            version.name,
            Math.min(other, version.version),
            Math.max(other, version.version),
            signal,
          ),
    [api, version.name, version.version, other],
  );
  const d = diff.data;
  const nodeName = (n: { name: string; type: string }) =>
    `${n.name}（${t.opt(`node.${n.type}`) ?? t('node.customNode')}）`;
  const empty =
    d &&
    !d.nodes.added.length &&
    !d.nodes.removed.length &&
    !d.nodes.changed.length &&
    !d.edges.added.length &&
    !d.edges.removed.length &&
    !d.featuresAdded.length &&
    !d.featuresRemoved.length;
  const columns = columnNames(version.content);
  const nameOf = (id: string) => {
    const all = [...(d?.nodes.added ?? []), ...(d?.nodes.removed ?? []), ...(d?.nodes.changed ?? [])];
    return all.find((n) => n.id === id)?.name;
  };

  return (
    <Flex vertical gap={12} data-testid="diff-tab">
      <Space>
        <Typography.Text>{t('diff.with')}</Typography.Text>
        <Select
          style={{ minWidth: 160 }}
          data-testid="diff-version"
          placeholder={t('diff.pick')}
          value={other}
          onChange={setPicked}
          options={others.map((v) => ({
            value: v.version,
            label: `${t('version', { n: v.version })} · ${t(`status.${v.status}`)}`,
          }))}
        />
        {d && (
          <Typography.Text type="secondary">{t('diff.from', { from: d.from, to: d.to })}</Typography.Text>
        )}
      </Space>
      {diff.error !== undefined && <LoadError error={diff.error} />}
      {other === undefined && <Empty description={t('diff.pick')} />}
      {empty && <Empty description={t('diff.same')} data-testid="diff-same" />}
      {d && !empty && (
        <>
          {d.nodes.added.length > 0 && (
            <Card size="small" title={t('diff.nodesAdded')}>
              {d.nodes.added.map((n) => (
                <Tag color="green" key={n.id}>
                  + {nodeName(n)}
                </Tag>
              ))}
            </Card>
          )}
          {d.nodes.removed.length > 0 && (
            <Card size="small" title={t('diff.nodesRemoved')}>
              {d.nodes.removed.map((n) => (
                <Tag color="red" key={n.id}>
                  − {nodeName(n)}
                </Tag>
              ))}
            </Card>
          )}
          {d.nodes.changed.map((n) => (
            <ChangedNode key={n.id} node={n} title={nodeName(n)} columns={columns} />
          ))}
          {(d.edges.added.length > 0 || d.edges.removed.length > 0) && (
            <Card size="small" title={`${t('diff.edgesAdded')} / ${t('diff.edgesRemoved')}`}>
              <List
                size="small"
                dataSource={[
                  ...d.edges.added.map((e) => ({ ...e, sign: '+' })),
                  ...d.edges.removed.map((e) => ({ ...e, sign: '−' })),
                ]}
                renderItem={(e) => (
                  <List.Item>
                    <Typography.Text type={e.sign === '+' ? 'success' : 'danger'}>
                      {e.sign} {nameOf(e.sourceId) ?? '…'} → {nameOf(e.targetId) ?? '…'}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {(d.featuresAdded.length > 0 || d.featuresRemoved.length > 0) && (
            <Card size="small" title={t('diff.features')}>
              {d.featuresAdded.map((f) => (
                <Tag color="green" key={f}>
                  + {f}
                </Tag>
              ))}
              {d.featuresRemoved.map((f) => (
                <Tag color="red" key={f}>
                  − {f}
                </Tag>
              ))}
            </Card>
          )}
        </>
      )}
      {flow.error !== undefined && <LoadError error={flow.error} />}
    </Flex>
  );
}

/** A changed node: which parts changed and, for a decision table, the rows added, removed, changed. */
function ChangedNode({
  node,
  title,
  columns,
}: {
  node: Changed;
  title: string;
  columns: Map<string, string>;
}) {
  const { t } = useFlowsText();
  const rows = node.rows;
  return (
    <Card size="small" title={`${t('diff.nodesChanged')}：${title}`} data-testid="diff-node">
      <Space wrap style={{ marginBottom: rows ? 8 : 0 }}>
        {node.fields.map((f) => (
          <Tag color="orange" key={f}>
            {t.opt(`diff.field.${f}`) ?? f}
          </Tag>
        ))}
      </Space>
      {rows && (
        <Flex vertical gap={8}>
          {rows.added.length > 0 && (
            <RowsTable
              columns={columns}
              title={t('diff.rowsAdded')}
              rows={rows.added.map((r) => ({ after: r }))}
            />
          )}
          {rows.removed.length > 0 && (
            <RowsTable
              columns={columns}
              title={t('diff.rowsRemoved')}
              rows={rows.removed.map((r) => ({ before: r }))}
            />
          )}
          {rows.changed.length > 0 && (
            <RowsTable
              columns={columns}
              title={t('diff.rowsChanged')}
              rows={rows.changed.map((r) => ({ before: r.before, after: r.after }))}
            />
          )}
        </Flex>
      )}
    </Card>
  );
}

function RowsTable({
  title,
  rows,
  columns,
}: {
  title: string;
  rows: { before?: unknown; after?: unknown }[];
  columns: Map<string, string>;
}) {
  const { t } = useFlowsText();
  return (
    <div data-testid="diff-rows">
      <Typography.Text strong>{title}</Typography.Text>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('diff.before'),
            dataIndex: 'before',
            render: (v: unknown) => (v ? <RowCells row={v} columns={columns} /> : ''),
          },
          {
            title: t('diff.after'),
            dataIndex: 'after',
            render: (v: unknown) => (v ? <RowCells row={v} columns={columns} /> : ''),
          },
        ]}
      />
    </div>
  );
}

/** A decision-table row as `column: value` lines, columns by their names (never their ids). */
function RowCells({ row, columns }: { row: unknown; columns: Map<string, string> }) {
  if (!row || typeof row !== 'object') return null;
  const cells = Object.entries(row as Record<string, unknown>).filter(
    ([k]) => k !== '_id' && k !== '_description',
  );
  return (
    <Flex vertical>
      {cells.map(([k, v]) => (
        <Typography.Text key={k} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">{columns.get(k) ?? '…'}：</Typography.Text>
          <Typography.Text code>{String(v ?? '') || '—'}</Typography.Text>
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** Column id -> its name (or field) over every decision table of a graph. */
function columnNames(content: FlowVersion['content']): Map<string, string> {
  const map = new Map<string, string>();
  for (const n of content.nodes) {
    const c = n.content as
      | {
          inputs?: { id: string; name?: string; field?: string }[];
          outputs?: { id: string; name?: string; field?: string }[];
        }
      | undefined;
    for (const col of [...(c?.inputs ?? []), ...(c?.outputs ?? [])])
      map.set(col.id, col.name || col.field || '…');
  }
  return map;
}
