import type { Locale } from '@zhanye/contracts';

/** Where the chosen UI language is kept; the login page and the workbench share it. */
const KEY = 'zy.locale';

export function readLocale(): Locale {
  try {
    return localStorage.getItem(KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function writeLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
