import type { RemoteEntry } from '@zhanye/contracts';
import {
  addErrorHandler,
  getAppStatus,
  type RegisterApplicationConfig,
  registerApplication,
  SKIP_BECAUSE_BROKEN,
  triggerAppChange,
  unloadApplication,
  unregisterApplication,
} from 'single-spa';
import { type AppFallback, createAppFallback } from './app-fallback.tsx';
import type { AppOutlet } from './app-outlet.ts';
import { mountPropsOf, type ShellServices } from './mount-props.ts';
import { createRemoteLoader } from './remote-loader.ts';

type Config = RegisterApplicationConfig<ReturnType<typeof mountPropsOf>>;

/**
 * Registers one single-spa application per registry entry. Nothing is downloaded here: an app's
 * code is fetched the first time its route is visited, and a failing app only affects itself.
 */
export function registerApps(remotes: RemoteEntry[], outlet: AppOutlet, shell: ShellServices): void {
  const configs = new Map<string, Config>();
  const fallbacks = new Map<string, AppFallback>();

  async function retry(app: string): Promise<void> {
    fallbacks.get(app)?.hide();
    const config = configs.get(app);
    if (config && getAppStatus(app) === SKIP_BECAUSE_BROKEN) {
      // single-spa cannot unload a broken app: register it anew instead.
      await unregisterApplication(app);
      registerApplication(config);
    } else {
      await unloadApplication(app);
    }
    await triggerAppChange();
  }

  for (const entry of remotes) {
    if (configs.has(entry.app)) continue;
    const fallback = createAppFallback(entry.app, shell.locale, () => void retry(entry.app));
    const props = mountPropsOf(entry, outlet.containerOf(entry.app), shell);
    const config: Config = {
      name: entry.app,
      app: createRemoteLoader(entry, fallback),
      activeWhen: entry.route,
      customProps: props,
    };
    configs.set(entry.app, config);
    fallbacks.set(entry.app, fallback);
    registerApplication(config);
  }

  // The lifecycle guard catches app errors; this catches whatever still reaches single-spa.
  addErrorHandler((error) => {
    console.error(`[shell] single-spa error in ${error.appOrParcelName}`, error);
    fallbacks.get(error.appOrParcelName)?.show(outlet.containerOf(error.appOrParcelName));
  });
}
