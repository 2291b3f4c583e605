import type { Principal } from '@zhanye/contracts';
import { Button, Flex, Layout, Typography } from 'antd';
import type { ShellText } from '../shell.text.ts';

interface Props {
  user: Principal;
  t: ShellText;
  onSwitchLocale(): void;
  onLogout(): void;
}

export function ShellHeader({ user, t, onSwitchLocale, onLogout }: Props) {
  return (
    <Layout.Header className="zy-header">
      <Typography.Text strong className="zy-header__bank" data-testid="header-bank">
        {user.bankName}
      </Typography.Text>
      <Flex align="center" gap={12}>
        <Typography.Text data-testid="header-user">
          {user.displayName} · {user.orgName}
        </Typography.Text>
        <Button size="small" onClick={onSwitchLocale} data-testid="locale-switch">
          {t.switchTo}
        </Button>
        <Button size="small" onClick={onLogout} data-testid="logout">
          {t.logout}
        </Button>
      </Flex>
    </Layout.Header>
  );
}
