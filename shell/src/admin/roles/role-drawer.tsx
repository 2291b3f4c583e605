import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import {
  adminApi,
  allPermissions,
  type DataScope,
  DataScopes,
  type MenuItem,
  type Org,
  type Role,
} from '@zhanye/contracts';
import { Button, Drawer, Flex, Form, Input, Select, Switch, Tree } from 'antd';
import { useMemo } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import type { CommonText } from '../common/common.text.ts';
import type { MenuText } from '../common/menu.text.ts';
import { MenuGrantTree } from '../common/menu-tree.tsx';
import { orgTreeData } from '../common/org-tree.ts';
import { useOpenTree } from '../common/tree.ts';
import { useRun } from '../common/use-run.ts';
import type { RolesText } from './roles.text.ts';

interface Values {
  name: string;
  code: string;
  dataScope: DataScope;
  customOrgIds: string[];
  mfaRequired: boolean;
  menuIds: string[];
  permissions: string[];
  assignableRoleIds: string[];
}

interface Props extends Pick<ShellPageProps, 'api' | 'locale' | 'user'> {
  role: Role | null;
  /** Every role the caller sees: the choices for "may assign". */
  roles: Role[];
  menus: MenuItem[];
  orgs: Org[];
  t: RolesText;
  c: CommonText;
  m: MenuText;
  onClose(saved: boolean): void;
}

/**
 * Create or edit a role: name, code, data scope (custom: a set of orgs), MFA, menus, API grants,
 * and the roles its holders may assign.
 */
export function RoleDrawer({ api, locale, user, role, roles, menus, orgs, t, c, m, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  // errors show here, in front of the page
  const { run, failure, clear } = useRun(c);
  const scope = Form.useWatch('dataScope', form);
  const orgTree = useMemo(() => orgTreeData(orgs), [orgs]);
  const openOrgs = useOpenTree(useMemo(() => orgs.map((o) => o.id), [orgs]));
  const menuPermissions = useMemo(() => new Set(menus.map((i) => i.permission).filter(Boolean)), [menus]);
  // API grants are the codes no menu node carries (those come with the menu tree)
  const permissionOptions = allPermissions
    .filter((p) => !menuPermissions.has(p))
    .map((p) => ({ value: p, label: p }));
  const required = [{ required: true, message: c.required }];
  // only union staff (scope `all`) may hand out `all`
  const scopes = DataScopes.filter((s) => s !== 'all' || user.dataScope === 'all');
  // "may assign": roles of the same bank or templates, that the caller may assign (or already named)
  const assignableOptions = roles
    .filter(
      (r) =>
        (r.bankId === null || r.bankId === (role ? role.bankId : user.bankId)) &&
        (r.assignable || role?.assignableRoleIds.includes(r.id)),
    )
    .map((r) => ({ value: r.id, label: r.name }));

  async function submit(v: Values) {
    const body = {
      name: v.name,
      dataScope: v.dataScope,
      customOrgIds: v.dataScope === 'custom' ? (v.customOrgIds ?? []) : [],
      mfaRequired: v.mfaRequired ?? false,
      menuIds: v.menuIds ?? [],
      permissions: v.permissions ?? [],
      assignableRoleIds: v.assignableRoleIds ?? [],
    };
    const saved = role
      ? await run(() => api.call(adminApi.updateRole, { id: role.id, ...body }), { form })
      : await run(() => api.call(adminApi.createRole, { code: v.code, ...body }), { form });
    if (saved) onClose(true);
  }

  return (
    <Drawer
      open
      size={640}
      title={role ? t.editRole : t.newRole}
      onClose={() => onClose(false)}
      destroyOnHidden
      data-testid="role-drawer"
      extra={
        <Flex gap={8}>
          <Button onClick={() => onClose(false)}>{c.cancel}</Button>
          <Button type="primary" data-testid="role-save" onClick={() => form.submit()}>
            {c.save}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={failure} locale={c.locale} data-testid="admin-error" onClose={clear} />
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="role-form"
        onFinish={submit}
        initialValues={
          role
            ? {
                name: role.name,
                code: role.code,
                dataScope: role.dataScope,
                customOrgIds: role.customOrgIds,
                mfaRequired: role.mfaRequired,
                menuIds: role.menuIds,
                permissions: role.permissions,
                assignableRoleIds: role.assignableRoleIds,
              }
            : {
                dataScope: 'self',
                customOrgIds: [],
                mfaRequired: false,
                menuIds: [],
                permissions: [],
                assignableRoleIds: [],
              }
        }
      >
        <Flex gap={16}>
          <Form.Item name="name" label={t.name} rules={required} style={{ flex: 1 }}>
            <Input data-testid="role-name" />
          </Form.Item>
          <Form.Item name="code" label={t.code} rules={required} extra={t.codeHint} style={{ flex: 1 }}>
            <Input data-testid="role-code" disabled={role !== null} />
          </Form.Item>
        </Flex>
        <Flex gap={16}>
          <Form.Item name="dataScope" label={t.dataScope} rules={required} style={{ flex: 1 }}>
            <Select
              data-testid="role-scope"
              options={scopes.map((s) => ({ value: s, label: t.scopes[s] }))}
            />
          </Form.Item>
          <Form.Item
            name="mfaRequired"
            label={t.mfaRequired}
            valuePropName="checked"
            extra={t.mfaHint}
            style={{ flex: 1 }}
          >
            <Switch data-testid="role-mfa" />
          </Form.Item>
        </Flex>
        {scope === 'custom' && (
          <Form.Item
            name="customOrgIds"
            label={t.customOrgs}
            valuePropName="checkedKeys"
            trigger="onCheck"
            getValueFromEvent={(keys: string[] | { checked: string[] }) =>
              Array.isArray(keys) ? keys : keys.checked
            }
            rules={[{ required: true, type: 'array', min: 1, message: t.customOrgsRequired }]}
          >
            <Tree
              checkable
              checkStrictly
              selectable={false}
              expandedKeys={openOrgs.expandedKeys}
              onExpand={openOrgs.onExpand}
              treeData={orgTree}
              data-testid="role-orgs"
            />
          </Form.Item>
        )}
        <Form.Item name="menuIds" label={t.menus}>
          <MenuGrantTree items={menus} locale={locale} text={m} testId="role-menus" />
        </Form.Item>
        <Form.Item name="permissions" label={t.permissions} extra={t.permissionsHint}>
          <Select mode="tags" data-testid="role-permissions" options={permissionOptions} />
        </Form.Item>
        <Form.Item name="assignableRoleIds" label={t.assignable} extra={t.assignableHint}>
          <Select
            mode="multiple"
            data-testid="role-assignable"
            optionFilterProp="label"
            options={assignableOptions}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
