import { type AppMountProps, type Locale, matchPath } from '@zhanye/contracts';
import { App, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { Customer360Page } from './features/customers/customer-360.page.tsx';
import { CustomerListPage } from './features/customers/customer-list.page.tsx';
import { translator } from './lib/i18n.ts';
import { useRoute } from './lib/router.tsx';
import { ShellContext, useShell } from './lib/shell.ts';

function Routes() {
  const { basePath } = useShell();
  const { path } = useRoute(basePath);
  const detail = matchPath('/:id', path);
  if (detail) return <Customer360Page key={detail.id} id={detail.id!} />;
  return <CustomerListPage />;
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
