import {
  type ApiClient,
  type AppMountProps,
  type EventBus,
  type Locale,
  type Readable,
  type RemoteEntry,
  themeTokens,
} from '@zhanye/contracts';
import { navigateToUrl } from 'single-spa';
import type { Session } from '../session/session.resource.ts';

/** What the shell gives every app, the same objects for all of them. */
export interface ShellServices {
  /** The live session: pushed access changes replace it (see `session.store.ts`). */
  session: Readable<Session>;
  locale: Readable<Locale>;
  api: ApiClient;
  bus: EventBus;
}

/**
 * An app's props, built at each lifecycle call (single-spa calls a `customProps` function every
 * time), so a remounted app sees the current user; `can` reads the live permission set, so an app
 * that keeps the function never answers from a stale one.
 */
export function mountPropsOf(
  entry: RemoteEntry,
  domElement: HTMLElement,
  shell: ShellServices,
): AppMountProps {
  let seen: Session | null = null;
  let granted = new Set<string>();
  const can = (permission: string) => {
    const now = shell.session.get();
    if (now !== seen) {
      seen = now;
      granted = new Set(now.me.user.permissions);
    }
    return granted.has(permission);
  };
  return {
    app: entry.app,
    basePath: entry.route,
    domElement,
    user: shell.session.get().me.user,
    can,
    navigate: (to) => navigateToUrl(to),
    bus: shell.bus,
    theme: themeTokens,
    locale: shell.locale,
    api: shell.api,
  };
}
