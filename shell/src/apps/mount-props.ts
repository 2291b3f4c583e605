import {
  type ApiClient,
  type AppMountProps,
  type EventBus,
  type Locale,
  type Me,
  type Readable,
  type RemoteEntry,
  themeTokens,
} from '@zhanye/contracts';
import { navigateToUrl } from 'single-spa';

/** What the shell gives every app, the same objects for all of them. */
export interface ShellServices {
  me: Me;
  locale: Readable<Locale>;
  api: ApiClient;
  bus: EventBus;
}

export function mountPropsOf(
  entry: RemoteEntry,
  domElement: HTMLElement,
  shell: ShellServices,
): AppMountProps {
  const granted = new Set(shell.me.user.permissions);
  return {
    app: entry.app,
    basePath: entry.route,
    domElement,
    user: shell.me.user,
    can: (permission) => granted.has(permission),
    navigate: (to) => navigateToUrl(to),
    bus: shell.bus,
    theme: themeTokens,
    locale: shell.locale,
    api: shell.api,
  };
}
