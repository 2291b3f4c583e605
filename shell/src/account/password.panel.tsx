import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { accountApi } from '@zhanye/contracts';
import { Button, Card, Form, Input } from 'antd';
import type { CommonText } from '../admin/common/common.text.ts';
import { passwordRule } from '../admin/common/password-rule.ts';
import { useRun } from '../admin/common/use-run.ts';
import type { ShellPageProps } from '../pages/shell-pages.ts';
import type { AccountText } from './account.text.ts';

/** Named as the API names them, so a 400's field messages land on the right field. */
interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** Change my password (the policy shown and checked before sending); my other sessions end. */
export function PasswordPanel({ api, t, c }: ShellPageProps & { t: AccountText; c: CommonText }) {
  const [form] = Form.useForm<Values>();
  const { run, failure, clear } = useRun(c);
  const required = { required: true, message: t.required };

  async function submit(v: Values) {
    const done = await run(
      () =>
        api.call(accountApi.changePassword, {
          currentPassword: v.currentPassword,
          newPassword: v.newPassword,
        }),
      {
        form,
        done: (r) => t.passwordChanged(r.endedSessions),
      },
    );
    if (done) form.resetFields();
  }

  return (
    <Card title={t.password} data-testid="account-password">
      <ErrorAlert error={failure} locale={c.locale} data-testid="admin-error" onClose={clear} />
      <Form<Values> form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={submit}>
        <Form.Item name="currentPassword" label={t.currentPassword} rules={[required]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.newPassword}
          extra={t.passwordRule}
          rules={[required, passwordRule(t.passwordRule)]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-next" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t.confirmPassword}
          dependencies={['newPassword']}
          rules={[
            required,
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.mismatch)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="password-submit">
          {t.password}
        </Button>
      </Form>
    </Card>
  );
}
