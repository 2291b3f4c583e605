import type { Locale, MenuNode, Principal } from '@zhanye/contracts';
import { Button, Card, Flex, Typography } from 'antd';
import { navigateToUrl } from 'single-spa';
import type { ShellText } from '../shell.text.ts';
import { menuTestId, pagesOf } from './menu-items.ts';

interface Props {
  user: Principal;
  menus: MenuNode[];
  locale: Locale;
  t: ShellText;
}

/** The landing card: a greeting and the pages this user holds, straight from the server's menus. */
export function WorkbenchHome({ user, menus, locale, t }: Props) {
  const pages = pagesOf(menus).filter((page) => page.route);
  return (
    <Card data-testid="workbench-home" title={t.greeting(user.displayName)}>
      <Typography.Paragraph type="secondary">
        {user.bankName} · {user.orgName}
      </Typography.Paragraph>
      <Typography.Paragraph>{pages.length ? t.yourApps : t.noApps}</Typography.Paragraph>
      <Flex wrap gap={8}>
        {pages.map((page) => (
          <Button
            key={page.id}
            data-testid={`home-${menuTestId(page.route ?? page.id)}`}
            onClick={() => page.route && navigateToUrl(page.route)}
          >
            {page.title[locale]}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}
