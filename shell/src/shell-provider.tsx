import type { Locale, Readable } from '@zhanye/contracts';
import { themeTokens } from '@zhanye/contracts';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useSyncExternalStore } from 'react';

/** The selected menu item's text on its tint: antd would use colorPrimary (4.4:1 there). */
const theme = {
  token: themeTokens,
  components: { Menu: { itemSelectedColor: themeTokens.colorPrimaryText } },
};

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
