import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { adminApi, Permissions as P, type Role } from '@zhanye/contracts';
import { App, Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { type CommonText, commonText } from '../common/common.text.ts';
import { type MenuText, menuText } from '../common/menu.text.ts';
import { useRun } from '../common/use-run.ts';
import { RoleDrawer } from './role-drawer.tsx';
import { type RolesText, rolesText } from './roles.text.ts';

const roleRow = (r: Role) =>
  ({ 'data-testid': 'role-row', 'data-code': r.code }) as HTMLAttributes<HTMLElement>;
const none = { items: [] };

/** 角色管理: roles of my bank (and the shared templates); menus, buttons, data scope, MFA. */
export default function RolesPage(props: ShellPageProps) {
  const { locale } = props;
  return (
    <App component={false}>
      <Roles {...props} t={rolesText[locale]} c={commonText[locale]} m={menuText[locale]} />
    </App>
  );
}

function Roles(props: ShellPageProps & { t: RolesText; c: CommonText; m: MenuText }) {
  const { api, can, user, t, c } = props;
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);
  const { run, failure, clear } = useRun(c);
  const roles = useLoad((signal) => api.call(adminApi.listRoles, {}, { signal }), [api]);
  const menus = useLoad((signal) => api.call(adminApi.listMenus, {}, { signal }).catch(() => none), [api]);
  const orgs = useLoad((signal) => api.call(adminApi.listOrgs, {}, { signal }).catch(() => none), [api]);
  const manage = can(P.roleManage);
  // templates (no bank) belong to the union: a bank admin reads them, never edits
  const editable = (r: Role) => manage && (r.bankId !== null || user.dataScope === 'all');

  const columns: TableColumnsType<Role> = [
    {
      title: t.name,
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space size={4}>
          {name}
          {r.bankId === null && <Tag>{t.template}</Tag>}
        </Space>
      ),
    },
    { title: t.code, dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t.dataScope, dataIndex: 'dataScope', render: (s: Role['dataScope']) => t.scopes[s] },
    {
      title: t.mfaRequired,
      dataIndex: 'mfaRequired',
      render: (v: boolean) => (v ? <Tag color="processing">{c.yes}</Tag> : c.no),
    },
    { title: t.users, dataIndex: 'userCount', align: 'right' },
    {
      title: c.actions,
      key: 'actions',
      render: (_, r) =>
        editable(r) && (
          <Space size={4}>
            <Button size="small" data-testid="role-edit" onClick={() => setEditing(r)}>
              {c.edit}
            </Button>
            <Popconfirm
              title={c.delete}
              description={c.confirmDelete(r.name)}
              okText={c.ok}
              cancelText={c.cancel}
              onConfirm={async () => {
                if (await run(() => api.call(adminApi.deleteRole, { id: r.id }))) roles.reload();
              }}
            >
              <Button size="small" danger data-testid="role-delete" disabled={r.userCount > 0}>
                {c.delete}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t.title}
      data-testid="admin-roles-page"
      extra={
        manage && (
          <Button type="primary" data-testid="role-create" onClick={() => setEditing(null)}>
            {t.newRole}
          </Button>
        )
      }
    >
      <ErrorAlert
        error={failure ?? roles.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        loading={roles.loading}
        dataSource={roles.data?.items ?? []}
        columns={columns}
        onRow={roleRow}
        locale={{ emptyText: t.empty }}
      />
      {editing !== undefined && (
        <RoleDrawer
          {...props}
          role={editing}
          roles={roles.data?.items ?? []}
          menus={menus.data?.items ?? []}
          orgs={orgs.data?.items ?? []}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) roles.reload();
          }}
        />
      )}
    </Card>
  );
}
