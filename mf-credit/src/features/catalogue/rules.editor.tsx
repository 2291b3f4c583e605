import { formatTime, LoadError, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { Permissions } from '@zhanye/contracts';
import { Alert, App, Button, Card, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, type ReactNode, useState } from 'react';
import { useBlocker } from 'react-router';
import { useCatalogueText } from './catalogue.text.ts';

/** A saved version of a rule table, as the API gives it. */
export interface TableVersion<R> {
  version: number;
  active: boolean;
  rows: R[];
  note: string;
  createdByName: string;
  createdAt: string;
}

/** How a row's cells show (read only) or edit (`set` patches the row). */
export type RowColumns<R> = (edit: ((patch: Partial<R>) => void) | null, row: R) => ReactNode[];

/**
 * A versioned rule table (process modes, authority): every version with the active one marked,
 * the rows of the one looked at, editing a copy and saving it as a new (inactive) version, and
 * activating a version after a confirmation. Leaving with unsaved rows asks first.
 */
export function RulesEditor<R>(props: {
  titles: string[];
  hint: string;
  blank: R;
  cells: RowColumns<R>;
  load(signal: AbortSignal): Promise<{ items: TableVersion<R>[] }>;
  save(input: { rows: R[]; note: string }, key: string): Promise<TableVersion<R>>;
  activate(version: number): Promise<unknown>;
  /** Below the table: e.g. the "try it" form, given the versions. */
  footer?: (versions: TableVersion<R>[]) => ReactNode;
}) {
  const { can, t, lang } = useCatalogueText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const showError = useShowError();
  const manage = can(Permissions.ruleManage);
  const list = useLoad((signal) => props.load(signal), []);
  const versions = list.data?.items ?? [];
  const [viewing, setViewing] = useState<number>();
  const [draft, setDraft] = useState<{ base: number; rows: R[]; note: string } | null>(null);
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const blocker = useBlocker(draft !== null);
  const shown =
    versions.find((v) => (viewing === undefined ? v.active : v.version === viewing)) ?? versions[0];

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      const saved = await props.save({ rows: draft.rows, note: draft.note }, key.current);
      key.settle();
      message.success(t('rules.saved', { version: saved.version }));
      setDraft(null);
      setViewing(saved.version);
      list.reload();
    } catch (e) {
      key.settle(e);
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const activate = async (version: number) => {
    const yes = await confirm({
      title: t('rules.activateTitle', { version }),
      content: t('rules.activateContent'),
      okText: t('rules.activate'),
      cancelText: t('cancel'),
    });
    if (!yes) return;
    try {
      await props.activate(version);
      message.success(t('rules.activated', { version }));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const rows = draft ? draft.rows : (shown?.rows ?? []);
  const setRows = (next: R[]) => draft && setDraft({ ...draft, rows: next });
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row as R);
    setRows(next);
  };
  const rowColumns: TableColumnsType<{ i: number; row: R }> = [
    { title: '#', render: (_, r) => r.i + 1, width: 48 },
    ...props.titles.map((title, c) => ({
      title,
      render: (_: unknown, r: { i: number; row: R }) =>
        props.cells(
          draft ? (patch) => setRows(rows.map((x, j) => (j === r.i ? { ...x, ...patch } : x))) : null,
          r.row,
        )[c],
    })),
    ...(draft
      ? [
          {
            title: t('field.actions'),
            render: (_: unknown, r: { i: number }) => (
              <Space size={0}>
                <Button type="link" size="small" disabled={r.i === 0} onClick={() => move(r.i, -1)}>
                  {t('rules.up')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  disabled={r.i === rows.length - 1}
                  onClick={() => move(r.i, 1)}
                >
                  {t('rules.down')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() => setRows(rows.filter((_, j) => j !== r.i))}
                >
                  {t('rules.remove')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {list.error !== undefined && <LoadError error={list.error} />}
      <Card
        size="small"
        title={
          draft
            ? t('rules.editing', { version: draft.base })
            : shown
              ? t('rules.showing', { version: shown.version })
              : t('rules.rows')
        }
        extra={
          draft ? (
            <Space>
              <Input
                placeholder={t('rules.note')}
                value={draft.note}
                maxLength={200}
                onChange={(e) => setDraft({ ...draft, note: e.target.value })}
                style={{ width: 240 }}
              />
              <Button onClick={() => setDraft(null)}>{t('rules.cancel')}</Button>
              <Button onClick={() => setRows([...rows, props.blank])}>{t('rules.addRow')}</Button>
              <Button type="primary" loading={saving} disabled={!rows.length} onClick={save}>
                {t('rules.saveAs')}
              </Button>
            </Space>
          ) : (
            manage &&
            shown && (
              <Button onClick={() => setDraft({ base: shown.version, rows: shown.rows, note: '' })}>
                {t('rules.edit')}
              </Button>
            )
          )
        }
        style={{ marginBottom: 16 }}
      >
        <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>
        <Table
          rowKey="i"
          onRow={() => ({ 'data-testid': 'rule-row' }) as HTMLAttributes<HTMLElement>}
          size="small"
          loading={list.loading}
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows.map((row, i) => ({ i, row }))}
          columns={rowColumns}
        />
      </Card>
      <Card size="small" title={t('rules.versions')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="version"
          size="small"
          loading={list.loading}
          dataSource={versions}
          pagination={{ pageSize: 10 }}
          columns={[
            {
              title: t('field.version'),
              dataIndex: 'version',
              render: (v: number, tv) => (
                <Space>
                  {`V${v}`}
                  {tv.active ? (
                    <Tag color="success">{t('rules.active')}</Tag>
                  ) : (
                    <Tag>{t('rules.inactive')}</Tag>
                  )}
                </Space>
              ),
            },
            { title: t('rules.note'), dataIndex: 'note' },
            { title: t('field.createdBy'), dataIndex: 'createdByName' },
            {
              title: t('field.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => formatTime(v, lang),
            },
            {
              title: t('field.actions'),
              render: (_, tv) => (
                <Space size={0}>
                  <Button type="link" disabled={!!draft} onClick={() => setViewing(tv.version)}>
                    {t('rules.view')}
                  </Button>
                  {manage && !tv.active && (
                    <Button type="link" disabled={!!draft} onClick={() => activate(tv.version)}>
                      {t('rules.activate')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {props.footer?.(versions)}
      {blocker.state === 'blocked' && (
        <Alert
          type="warning"
          showIcon
          title={t('rules.cancel')}
          style={{ position: 'fixed', bottom: 24, right: 24, zIndex: 10 }}
          action={
            <Space>
              <Button size="small" onClick={() => blocker.reset()}>
                {t('cancel')}
              </Button>
              <Button size="small" danger onClick={() => blocker.proceed()}>
                {t('confirm')}
              </Button>
            </Space>
          }
        />
      )}
    </>
  );
}
