import type { AppMountProps, Locale } from '@zhanye/contracts';
import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import { antdTheme } from './antd-theme.ts';

/** What the shell handed this mount, plus the current language. Created per mount. */
export type Mount = AppMountProps & { lang: Locale };

const MountContext = createContext<Mount | null>(null);

export function useMount(): Mount {
  const mount = useContext(MountContext);
  if (!mount) throw new Error('useMount outside an app mounted by reactLifecycles');
  return mount;
}

/** Locale follows the shell; antd pop-ups stay inside this app's element, so unmount leaves nothing behind. */
export function MountRoot({ props, children }: { props: AppMountProps; children: ReactNode }) {
  const { locale, domElement, theme } = props;
  const subscribe = useCallback((onChange: () => void) => locale.subscribe(() => onChange()), [locale]);
  const lang = useSyncExternalStore(subscribe, () => locale.get());
  const mount = useMemo(() => ({ ...props, lang }), [props, lang]);
  const popupContainer = useCallback(() => domElement, [domElement]);
  const antdThemeConfig = useMemo(() => antdTheme(theme), [theme]);
  return (
    <ConfigProvider
      theme={antdThemeConfig}
      locale={lang === 'en-US' ? enUS : zhCN}
      getPopupContainer={popupContainer}
    >
      <App>
        <MountContext value={mount}>{children}</MountContext>
      </App>
    </ConfigProvider>
  );
}
