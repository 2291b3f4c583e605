import type { Locale } from '@zhanye/contracts';

export type Messages = Record<string, string>;

/** `t(key, { field: '姓名' })` fills `{field}`; `t.opt(key)` for keys built at run time (undefined if unknown). */
export interface Translate<K extends string> {
  (key: K, vars?: Record<string, string | number>): string;
  opt(key: string): string | undefined;
}

/** A typed translator per language from an app's dictionaries (zh-CN is the reference). */
export function createTranslator<D extends Messages>(dicts: {
  'zh-CN': D;
  'en-US': Record<keyof D, string>;
}) {
  const cache = new Map<Locale, Translate<Extract<keyof D, string>>>();
  return (locale: Locale): Translate<Extract<keyof D, string>> => {
    const hit = cache.get(locale);
    if (hit) return hit;
    const dict: Messages = dicts[locale];
    const t = (key: string, vars: Record<string, string | number> = {}) =>
      (dict[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
    const translate = Object.assign(t, { opt: (key: string) => dict[key] });
    cache.set(locale, translate);
    return translate;
  };
}

/** The kit's own messages (errors shown by every app). */
export const kitText = createTranslator({
  'zh-CN': {
    'error.unexpected': '出现意外错误，请稍后重试',
    'error.unavailable': '服务暂不可用，请稍后重试',
  },
  'en-US': {
    'error.unexpected': 'Something went wrong, please try again',
    'error.unavailable': 'The service is unavailable, please try again later',
  },
});
