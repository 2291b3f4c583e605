import { formatTime } from '@zhanye/app-kit/format';
import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { type AdminUser, adminApi, type InputOf, Permissions as P } from '@zhanye/contracts';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  type FormInstance,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  TreeSelect,
} from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { type CommonText, commonText } from '../common/common.text.ts';
import { orgTreeData } from '../common/org-tree.ts';
import { passwordRule } from '../common/password-rule.ts';
import { usePaging } from '../common/use-paging.ts';
import { useRun } from '../common/use-run.ts';
import { UserForm } from './user-form.tsx';
import { type UsersText, usersText } from './users.text.ts';

type Filters = Omit<InputOf<typeof adminApi.listUsers>, 'page' | 'pageSize'>;

const userRow = (u: AdminUser) =>
  ({ 'data-testid': 'user-row', 'data-username': u.username }) as HTMLAttributes<HTMLElement>;
const none = { items: [] };

/** 用户管理: users of my bank, filtered; create, edit, disable, unlock, reset — each as granted. */
export default function UsersPage(props: ShellPageProps) {
  return (
    <App component={false}>
      <Users {...props} t={usersText[props.locale]} c={commonText[props.locale]} />
    </App>
  );
}

function Users({ api, can, locale, t, c }: ShellPageProps & { t: UsersText; c: CommonText }) {
  const [filters, setFilters] = useState<Filters>({});
  const { page, pagination, first } = usePaging(20, c);
  const [editing, setEditing] = useState<AdminUser | null | undefined>(undefined);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const { run, failure, clear } = useRun(c);
  const users = useLoad(
    (signal) => api.call(adminApi.listUsers, { ...filters, ...page }, { signal }),
    [api, filters, page],
  );
  // supporting lists: a user admin without the org or role pages still sees ids, not an error
  const orgs = useLoad((signal) => api.call(adminApi.listOrgs, {}, { signal }).catch(() => none), [api]);
  const roles = useLoad((signal) => api.call(adminApi.listRoles, {}, { signal }).catch(() => none), [api]);
  const posts = useLoad((signal) => api.call(adminApi.listPosts, {}, { signal }).catch(() => none), [api]);
  const orgTree = useMemo(() => orgTreeData(orgs.data?.items ?? []), [orgs.data]);
  const roleName = useMemo(() => new Map((roles.data?.items ?? []).map((r) => [r.id, r.name])), [roles.data]);
  const [filterForm] = Form.useForm<Filters>();

  async function act(action: () => Promise<unknown>) {
    if (await run(action)) users.reload();
  }

  const columns: TableColumnsType<AdminUser> = [
    { title: t.username, dataIndex: 'username' },
    { title: t.displayName, dataIndex: 'displayName' },
    { title: t.org, dataIndex: 'orgName' },
    {
      title: t.roles,
      dataIndex: 'roleIds',
      render: (ids: string[]) => ids.map((id) => <Tag key={id}>{roleName.get(id) ?? id}</Tag>),
    },
    {
      title: t.status,
      key: 'status',
      render: (_, u) => (
        <Space size={4} wrap>
          <Tag color={u.status === 'active' ? 'success' : 'default'} data-testid="user-status">
            {t.statuses[u.status]}
          </Tag>
          {u.locked && <Tag color="error">{t.statuses.locked}</Tag>}
          {u.mfaEnabled && <Tag color="processing">{t.mfa}</Tag>}
          {u.mustChangePassword && <Tag color="warning">{t.mustChange}</Tag>}
        </Space>
      ),
    },
    {
      title: t.lastLogin,
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => (v ? formatTime(v, locale) : '-'),
    },
    {
      title: c.actions,
      key: 'actions',
      render: (_, u) => (
        <Space size={4} wrap>
          {can(P.userUpdate) && (
            <Button size="small" data-testid="user-edit" onClick={() => setEditing(u)}>
              {c.edit}
            </Button>
          )}
          {can(P.userDisable) &&
            (u.status === 'active' ? (
              <Popconfirm
                title={t.disable}
                description={t.disableConfirm(u.displayName)}
                okText={c.ok}
                cancelText={c.cancel}
                onConfirm={() => act(() => api.call(adminApi.disableUser, { id: u.id }))}
              >
                <Button size="small" danger data-testid="user-disable">
                  {t.disable}
                </Button>
              </Popconfirm>
            ) : (
              <Button
                size="small"
                data-testid="user-enable"
                onClick={() => act(() => api.call(adminApi.enableUser, { id: u.id }))}
              >
                {t.enable}
              </Button>
            ))}
          {can(P.userUnlock) && u.locked && (
            <Button
              size="small"
              data-testid="user-unlock"
              onClick={() => act(() => api.call(adminApi.unlockUser, { id: u.id }))}
            >
              {t.unlock}
            </Button>
          )}
          {can(P.userReset) && (
            <Button size="small" data-testid="user-reset-password" onClick={() => setResetting(u)}>
              {t.resetPassword}
            </Button>
          )}
          {can(P.userReset) && u.mfaEnabled && (
            <Popconfirm
              title={t.resetMfa}
              description={t.resetMfaConfirm(u.displayName)}
              okText={c.ok}
              cancelText={c.cancel}
              onConfirm={() => act(() => api.call(adminApi.resetMfa, { id: u.id }))}
            >
              <Button size="small" data-testid="user-reset-mfa">
                {t.resetMfa}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t.title}
      data-testid="admin-users-page"
      extra={
        can(P.userCreate) && (
          <Button type="primary" data-testid="user-create" onClick={() => setEditing(null)}>
            {t.newUser}
          </Button>
        )
      }
    >
      <ErrorAlert
        error={failure ?? users.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      <Form<Filters>
        form={filterForm}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setFilters({ q: v.q || undefined, orgId: v.orgId || undefined, status: v.status || undefined });
          first();
        }}
      >
        <Form.Item name="q">
          <Input placeholder={t.query} allowClear data-testid="users-filter-q" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="orgId">
          <TreeSelect
            placeholder={t.org}
            allowClear
            treeData={orgTree}
            treeDefaultExpandAll
            style={{ width: 200 }}
            data-testid="users-filter-org"
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            placeholder={t.status}
            allowClear
            style={{ width: 120 }}
            data-testid="users-filter-status"
            options={(['active', 'disabled', 'locked'] as const).map((s) => ({
              value: s,
              label: t.statuses[s],
            }))}
          />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" data-testid="users-search">
            {c.search}
          </Button>
          <Button
            onClick={() => {
              filterForm.resetFields();
              setFilters({});
            }}
          >
            {c.reset}
          </Button>
        </Flex>
      </Form>
      <Table
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        columns={columns}
        onRow={userRow}
        locale={{ emptyText: t.empty }}
        pagination={pagination(users.data?.total)}
      />
      {editing !== undefined && (
        <UserForm
          api={api}
          locale={locale}
          user={editing}
          orgs={orgs.data?.items ?? []}
          roles={roles.data?.items ?? []}
          posts={posts.data?.items ?? []}
          t={t}
          c={c}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) users.reload();
          }}
        />
      )}
      {resetting && (
        <ResetPassword
          user={resetting}
          t={t}
          c={c}
          onSubmit={async (password, form) => {
            const done = await run(() => api.call(adminApi.resetPassword, { id: resetting.id, password }), {
              form,
            });
            if (done) {
              setResetting(null);
              users.reload();
            }
          }}
          onCancel={() => setResetting(null)}
        />
      )}
    </Card>
  );
}

function ResetPassword({
  user,
  t,
  c,
  onSubmit,
  onCancel,
}: {
  user: AdminUser;
  t: UsersText;
  c: CommonText;
  onSubmit(password: string, form: FormInstance<{ password: string }>): Promise<void>;
  onCancel(): void;
}) {
  const [form] = Form.useForm<{ password: string }>();
  return (
    <Modal
      open
      title={t.resetPasswordTitle(user.displayName)}
      okText={c.ok}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.password, form)}>
        <p>{t.resetPasswordHint}</p>
        <Form.Item
          name="password"
          label={t.newPassword}
          extra={t.passwordRule}
          rules={[{ required: true, message: c.required }, passwordRule(t.passwordRule)]}
        >
          <Input.Password data-testid="reset-password-input" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
