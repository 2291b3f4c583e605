import { type Mount, useMount } from '@zhanye/app-kit/react';
import { useMemo } from 'react';
import { type Translate, translator } from './i18n.ts';

/** What the shell handed this mount, the current language and its translator. */
export type Shell = Mount & { t: Translate };

export function useShell(): Shell {
  const mount = useMount();
  return useMemo(() => ({ ...mount, t: translator(mount.lang) }), [mount]);
}
