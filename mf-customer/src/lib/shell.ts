import type { AppMountProps, Locale } from '@zhanye/contracts';
import { createContext, useContext } from 'react';
import type { Translate } from './i18n.ts';

/** What the shell handed this mount, plus the translator for the current locale. */
export type Shell = AppMountProps & { t: Translate; lang: Locale };

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell outside <Root>');
  return shell;
}
