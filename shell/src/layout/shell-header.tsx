import type { Principal } from '@zhanye/contracts';
import { Button, Dropdown, Flex, Layout, Typography } from 'antd';
import { navigateToUrl } from 'single-spa';
import { ACCOUNT_ROUTE } from '../pages/shell-pages.ts';
import type { ShellText } from '../shell.text.ts';

interface Props {
  user: Principal;
  t: ShellText;
  onSwitchLocale(): void;
  onLogout(): void;
}

export function ShellHeader({ user, t, onSwitchLocale, onLogout }: Props) {
  const items = [
    {
      key: 'account',
      label: <span data-testid="header-account">{t.account}</span>,
      onClick: () => navigateToUrl(ACCOUNT_ROUTE),
    },
    { key: 'logout', label: t.logout, onClick: onLogout },
  ];
  return (
    <Layout.Header className="zy-header">
      <Typography.Text strong className="zy-header__bank" data-testid="header-bank">
        {user.bankName}
      </Typography.Text>
      <Flex align="center" gap={12}>
        <Dropdown menu={{ items }} trigger={['click']}>
          <Button type="text" size="small" data-testid="header-user-menu">
            <Typography.Text data-testid="header-user">
              {user.displayName} · {user.orgName}
            </Typography.Text>
            <span aria-hidden>▾</span>
          </Button>
        </Dropdown>
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
