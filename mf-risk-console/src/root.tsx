import { type AppMountProps, type Locale, matchPath } from '@zhanye/contracts';
import { App, ConfigProvider, Result, Tabs } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { DecisionPage } from './features/decisions/decision.page.tsx';
import { DecisionsPage } from './features/decisions/decisions.page.tsx';
import { GraphsPage } from './features/graphs/graphs.page.tsx';
import { translator } from './lib/i18n.ts';
import { useRoute } from './lib/router.tsx';
import { ShellContext, useShell } from './lib/shell.ts';

function Routes() {
  const { basePath, navigate, t } = useShell();
  const { path } = useRoute(basePath);
  const detail = matchPath('/decisions/:id', path);
  if (detail) return <DecisionPage key={detail.id} id={detail.id!} />;
  return (
    <Tabs
      activeKey={path === '/graphs' ? 'graphs' : 'decisions'}
      onChange={(tab) => navigate(tab === 'graphs' ? `${basePath}/graphs` : basePath)}
      items={[
        { key: 'decisions', label: t('decisions'), children: <DecisionsPage /> },
        { key: 'graphs', label: t('graphs'), children: <GraphsPage /> },
      ]}
    />
  );
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
