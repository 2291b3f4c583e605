import { formatMoney, formatTime, LoadError, useLoad, useShowError } from '@zhanye/app-kit/react';
import { isApiError, type Todo } from '@zhanye/contracts';
import { App, Button, Card, Segmented, Space, Table, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { claimTodo, myTodos } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { useShell } from './todos.text.ts';

type Show = 'all' | 'mine' | 'post';

const rowAttrs = (todo: Todo) =>
  ({
    'data-testid': 'todo-row',
    'data-id': todo.id,
    'data-mine': String(todo.mine),
  }) as HTMLAttributes<HTMLElement>;

/** The application's page inside this app: `/credit/<id>` is `/<id>` below the base path. */
const appPath = (todo: Todo) =>
  todo.link.path.startsWith('/credit/') ? todo.link.path.slice(7) : `/${todo.aggregateId}`;

/** 我的待办: the steps waiting for the caller, or for their post (then claim one to take it). */
export function TodosPage() {
  const { api, t, lang } = useShell();
  const { message } = App.useApp();
  const reasons = useMemo(() => errorReasons(t), [t]);
  const showError = useShowError(reasons);
  const todos = useLoad((signal) => myTodos(api, signal), [api]);
  const [show, setShow] = useState<Show>('all');
  const [claiming, setClaiming] = useState<string>();

  const title = (todo: Todo) => {
    const params = { ...todo.params };
    if (typeof params.amount === 'string') params.amount = formatMoney(params.amount, lang);
    const template = t.opt(todo.titleKey);
    if (!template) return t('todo.unknown');
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
  };

  const claim = async (todo: Todo) => {
    setClaiming(todo.id);
    try {
      await claimTodo(api, todo.id);
      message.success(t('todo.claimed'));
    } catch (e) {
      showError(e);
      if (!isApiError(e) || e.status !== 409) return;
    } finally {
      setClaiming(undefined);
    }
    todos.reload();
  };

  const items = (todos.data?.items ?? []).filter((x) => show === 'all' || x.mine === (show === 'mine'));
  const columns: TableColumnsType<Todo> = [
    {
      title: t('todo.title'),
      key: 'title',
      render: (_, todo) => <Link to={appPath(todo)}>{title(todo)}</Link>,
    },
    {
      title: t('todo.state'),
      dataIndex: 'state',
      render: (s: string) => t.opt(`status.${s}`) ?? '—',
    },
    {
      title: t('todo.waitsFor'),
      dataIndex: 'mine',
      render: (mine: boolean) => (
        <Tag color={mine ? 'processing' : 'default'}>{mine ? t('todo.mine') : t('todo.post')}</Tag>
      ),
    },
    { title: t('todo.openedAt'), dataIndex: 'openedAt', render: (v: string) => formatTime(v, lang) },
    {
      title: t('todo.dueAt'),
      dataIndex: 'dueAt',
      render: (v: string | null) => (v ? formatTime(v, lang) : '—'),
    },
    {
      title: '',
      key: 'actions',
      render: (_, todo) =>
        todo.mine ? (
          <Link to={appPath(todo)} data-testid="todo-open">
            {t('todo.open')}
          </Link>
        ) : (
          <Button
            size="small"
            data-testid="todo-claim"
            loading={claiming === todo.id}
            onClick={() => claim(todo)}
          >
            {t('todo.claim')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('todos')}
      extra={
        <Space>
          <Segmented
            data-testid="todo-filter"
            value={show}
            onChange={(v) => setShow(v as Show)}
            options={[
              { value: 'all', label: t('filter.all') },
              { value: 'mine', label: t('filter.mine') },
              { value: 'post', label: t('filter.post') },
            ]}
          />
          <Button onClick={todos.reload}>{t('reload')}</Button>
        </Space>
      }
    >
      {todos.error !== undefined && <LoadError error={todos.error} reasons={reasons} />}
      <Table
        rowKey="id"
        size="middle"
        loading={todos.loading}
        dataSource={items}
        columns={columns}
        onRow={rowAttrs}
        locale={{ emptyText: t('todo.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </Card>
  );
}
