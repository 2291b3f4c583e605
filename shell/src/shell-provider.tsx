import { antdTheme } from '@zhanye/app-kit/antd-theme';
import type { Locale, Readable } from '@zhanye/contracts';
import { themeTokens } from '@zhanye/contracts';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useSyncExternalStore } from 'react';

/** Styles from antd.css (imported beside the workbench's own CSS in bootstrap.tsx), see `antdTheme`. */
const theme = antdTheme(themeTokens);

export function useLocale(locale: Readable<Locale>): Locale {
  return useSyncExternalStore(locale.subscribe, locale.get);
}

/** antd theme and language for everything the shell itself renders. */
export function ShellProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <ConfigProvider theme={theme} locale={locale === 'en-US' ? enUS : zhCN}>
      {children}
    </ConfigProvider>
  );
}
