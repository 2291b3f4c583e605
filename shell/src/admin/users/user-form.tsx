import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { type AdminUser, adminApi, type Org, type Post, type Role } from '@zhanye/contracts';
import { Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import type { CommonText } from '../common/common.text.ts';
import { orgTreeData } from '../common/org-tree.ts';
import { passwordRule } from '../common/password-rule.ts';
import { useRun } from '../common/use-run.ts';
import type { UsersText } from './users.text.ts';

interface Values {
  username: string;
  displayName: string;
  orgId: string;
  postIds: string[];
  roleIds: string[];
  password: string;
}

interface Props extends Pick<ShellPageProps, 'api' | 'locale'> {
  /** null: a new user. */
  user: AdminUser | null;
  orgs: Org[];
  roles: Role[];
  posts: Post[];
  t: UsersText;
  c: CommonText;
  onClose(saved: boolean): void;
}

/** Create or edit a user: org (tree), posts, roles; a new user gets an initial password. */
export function UserForm({ api, locale, user, orgs, roles, posts, t, c, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  // errors show here, in front of the page
  const { run, failure, clear } = useRun(c);
  const orgTree = useMemo(() => orgTreeData(orgs), [orgs]);
  const required = [{ required: true, message: c.required }];
  const creating = user === null;

  async function submit(v: Values) {
    const body = {
      displayName: v.displayName,
      orgId: v.orgId,
      postIds: v.postIds ?? [],
      roleIds: v.roleIds ?? [],
    };
    const saved = creating
      ? await run(
          () => api.call(adminApi.createUser, { username: v.username, ...body, password: v.password }),
          { form, done: t.created },
        )
      : await run(() => api.call(adminApi.updateUser, { id: user.id, ...body }), { form });
    if (saved) onClose(true);
  }

  return (
    <Modal
      open
      title={creating ? t.newUser : t.editUser}
      okText={c.save}
      cancelText={c.cancel}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
    >
      <ErrorAlert error={failure} locale={c.locale} data-testid="admin-error" onClose={clear} />
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="user-form"
        initialValues={
          user
            ? {
                displayName: user.displayName,
                orgId: user.orgId,
                postIds: user.postIds,
                roleIds: user.roleIds,
              }
            : { postIds: [], roleIds: [] }
        }
        onFinish={submit}
      >
        {creating && (
          <Form.Item name="username" label={t.username} rules={required}>
            <Input data-testid="user-username" autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t.displayName} rules={required}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="orgId" label={t.org} rules={required}>
          <TreeSelect
            data-testid="user-org"
            treeData={orgTree}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
          />
        </Form.Item>
        <Form.Item name="postIds" label={t.posts}>
          <Select
            mode="multiple"
            data-testid="user-posts"
            optionFilterProp="label"
            options={posts.map((p) => ({ value: p.id, label: p.title[locale] }))}
          />
        </Form.Item>
        <Form.Item name="roleIds" label={t.roles}>
          <Select
            mode="multiple"
            data-testid="user-roles"
            optionFilterProp="label"
            options={roles
              // only roles the administrator may give; a role the user holds already can stay
              .filter((r) => r.assignable || user?.roleIds.includes(r.id))
              .map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
        {creating && (
          <Form.Item
            name="password"
            label={t.password}
            extra={t.passwordRule}
            rules={[...required, passwordRule(t.passwordRule)]}
          >
            <Input.Password data-testid="user-password" autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
