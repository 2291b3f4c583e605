import type { Locale } from '@zhanye/contracts';
import { useMemo } from 'react';
import { type Mount, useMount } from './mount.tsx';

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

/**
 * An app's words: its translator, and `useShell()` for its components (what the shell handed this
 * mount, the current language, and `t` in that language). One line per app:
 * `export const { translator, useShell } = defineText({ 'zh-CN': zhCN, 'en-US': enUS });`
 */
export function defineText<D extends Messages>(dicts: { 'zh-CN': D; 'en-US': Record<keyof D, string> }) {
  const translator = createTranslator(dicts);
  type T = ReturnType<typeof translator>;
  // biome-ignore lint/correctness/noComponentHookFactories: built once per app at module level (`export const { useShell } = defineText(...)`), never per render.
  function useShell(): Mount & { t: T } {
    const mount = useMount();
    return useMemo(() => ({ ...mount, t: translator(mount.lang) }), [mount]);
  }
  return { translator, useShell };
}
