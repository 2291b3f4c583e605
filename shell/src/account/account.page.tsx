import { App, Flex } from 'antd';
import { commonText } from '../admin/common/common.text.ts';
import type { ShellPageProps } from '../pages/shell-pages.ts';
import { accountText } from './account.text.ts';
import { MfaPanel } from './mfa.panel.tsx';
import { PasswordPanel } from './password.panel.tsx';
import { SessionsPanel } from './sessions.panel.tsx';

/** 账户与安全: every signed-in user's sessions, password and second factor. */
export default function AccountPage(props: ShellPageProps) {
  const t = accountText[props.locale];
  const c = commonText[props.locale];
  return (
    <App component={false}>
      <Flex vertical gap={16} data-testid="account-page">
        <MfaPanel {...props} t={t} c={c} />
        <PasswordPanel {...props} t={t} c={c} />
        <SessionsPanel {...props} t={t} c={c} />
      </Flex>
    </App>
  );
}
