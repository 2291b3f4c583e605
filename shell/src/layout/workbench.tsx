import type { Readable } from '@zhanye/contracts';
import { Layout } from 'antd';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { checkActivityFunctions } from 'single-spa';
import type { AppOutlet } from '../apps/app-outlet.ts';
import type { ShellServices } from '../apps/mount-props.ts';
import type { LocaleStore } from '../locale-store.ts';
import { ShellPageOutlet } from '../pages/shell-page-outlet.tsx';
import { shellPageFor } from '../pages/shell-pages.ts';
import type { Session } from '../session/session.resource.ts';
import { signOut } from '../session/shell-api.ts';
import { shellText } from '../shell.text.ts';
import { ShellProvider, useLocale } from '../shell-provider.tsx';
import { AppsHost } from './apps-host.tsx';
import { DevOverrideBanner } from './dev-override-banner.tsx';
import { NotFound } from './not-found.tsx';
import { ShellHeader } from './shell-header.tsx';
import { SideMenu } from './side-menu.tsx';
import { usePath } from './use-path.ts';
import { WorkbenchHome } from './workbench-home.tsx';

interface Props {
  /** Live: a pushed access change replaces it, and menus, pages and buttons follow. */
  session: Readable<Session>;
  localeStore: LocaleStore;
  api: ShellServices['api'];
  outlet: AppOutlet;
}

const HOME_PATHS = new Set(['/', '/workbench']);

export function Workbench({ session, localeStore, api, outlet }: Props) {
  const { me, remotes } = useSyncExternalStore(session.subscribe, session.get);
  const locale = useLocale(localeStore);
  const path = usePath();
  const t = shellText[locale];
  const home = HOME_PATHS.has(path);
  const shellPage = home ? undefined : shellPageFor(me.menus, path);
  const missing = !home && !shellPage && checkActivityFunctions(window.location).length === 0;
  const can = useMemo(() => {
    const granted = new Set(me.user.permissions);
    return (permission: string) => granted.has(permission);
  }, [me]);
  useEffect(() => {
    document.title = t.title;
  }, [t]);

  return (
    <ShellProvider locale={locale}>
      <Layout className="zy-workbench">
        <ShellHeader
          user={me.user}
          t={t}
          onSwitchLocale={() => localeStore.set(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
          onLogout={() => void signOut(api)}
        />
        <Layout>
          <Layout.Sider width={220} theme="light" className="zy-sider">
            <SideMenu menus={me.menus} locale={locale} path={path} />
          </Layout.Sider>
          <Layout.Content className="zy-content">
            <DevOverrideBanner remotes={remotes} t={t} />
            {home && <WorkbenchHome user={me.user} menus={me.menus} locale={locale} t={t} />}
            {missing && <NotFound t={t} />}
            {shellPage && (
              <ShellPageOutlet
                key={shellPage.route}
                load={shellPage.load}
                page={{ api, user: me.user, can, locale }}
                t={t}
              />
            )}
            <AppsHost outlet={outlet} />
          </Layout.Content>
        </Layout>
      </Layout>
    </ShellProvider>
  );
}
