import { type AppMountProps, type Locale, matchPath } from '@zhanye/contracts';
import { App, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { ApplicationPage } from './features/applications/application.page.tsx';
import { ApplicationNewPage } from './features/applications/application-new.page.tsx';
import { ApplicationsPage } from './features/applications/applications.page.tsx';
import { translator } from './lib/i18n.ts';
import { useRoute } from './lib/router.tsx';
import { ShellContext, useShell } from './lib/shell.ts';

function Routes() {
  const { basePath } = useShell();
  const { path, query } = useRoute(basePath);
  if (path === '/new') {
    const customerId = query.get('customerId') ?? undefined;
    return <ApplicationNewPage key={customerId} customerId={customerId} />;
  }
  const detail = matchPath('/:id', path);
  if (detail) return <ApplicationPage key={detail.id} id={detail.id!} />;
  return <ApplicationsPage />;
}

/** Per mount: locale follows the shell, pop-ups stay inside this app's element. */
export function Root(props: AppMountProps) {
  const { locale, domElement, theme } = props;
  const subscribe = useCallback((onChange: () => void) => locale.subscribe(() => onChange()), [locale]);
  const lang = useSyncExternalStore(subscribe, () => locale.get());
  const shell = useMemo(() => ({ ...props, t: translator(lang), lang }), [props, lang]);
  const popupContainer = useCallback(() => domElement, [domElement]);
  return (
    <ConfigProvider
      theme={{ token: theme }}
      locale={lang === 'en-US' ? enUS : zhCN}
      getPopupContainer={popupContainer}
    >
      <App>
        <ShellContext value={shell}>
          <Routes />
        </ShellContext>
      </App>
    </ConfigProvider>
  );
}

export function Crashed({ error, locale }: { error: Error; locale: Locale }) {
  return <Result status="error" title={translator(locale)('app.crashed')} subTitle={error.message} />;
}
