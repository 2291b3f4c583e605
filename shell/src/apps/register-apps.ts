import type { RemoteEntry } from '@zhanye/contracts';
import {
  addErrorHandler,
  getAppStatus,
  NOT_LOADED,
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
import { createRemoteLoader, type RemoteLoader } from './remote-loader.ts';

type Config = RegisterApplicationConfig<ReturnType<typeof mountPropsOf>>;

export interface RegisteredApps {
  /**
   * Downloads the apps not loaded yet, one at a time, each when the browser is idle, so a first
   * switch to them is fast. Failures are silent (the app's own load shows them, if it is opened).
   */
  preloadWhenIdle(): void;
}

/**
 * Registers one single-spa application per registry entry. Nothing is downloaded here: an app's
 * code is fetched the first time its route is visited (or when the browser is idle, see
 * `preloadWhenIdle`), and a failing app only affects itself.
 */
export function registerApps(
  remotes: RemoteEntry[],
  outlet: AppOutlet,
  shell: ShellServices,
): RegisteredApps {
  const configs = new Map<string, Config>();
  const fallbacks = new Map<string, AppFallback>();
  const loaders = new Map<string, RemoteLoader>();

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
    const loader = createRemoteLoader(entry, fallback, () => void retry(entry.app));
    const props = mountPropsOf(entry, outlet.containerOf(entry.app), shell);
    const config: Config = {
      name: entry.app,
      app: loader.load,
      activeWhen: entry.route,
      customProps: props,
    };
    configs.set(entry.app, config);
    fallbacks.set(entry.app, fallback);
    loaders.set(entry.app, loader);
    registerApplication(config);
  }

  // The lifecycle guard catches app errors; this catches whatever still reaches single-spa.
  addErrorHandler((error) => {
    console.error(`[shell] single-spa error in ${error.appOrParcelName}`, error);
    fallbacks.get(error.appOrParcelName)?.show(outlet.containerOf(error.appOrParcelName));
  });

  return {
    preloadWhenIdle() {
      const queue = [...loaders.keys()];
      const next = (): void => {
        const app = queue.shift();
        const loader = app && loaders.get(app);
        if (!app || !loader) return;
        // opened meanwhile: its own load is under way or done
        if (getAppStatus(app) !== NOT_LOADED) whenIdle(next);
        else void loader.preload().then(() => whenIdle(next));
      };
      whenIdle(next);
    },
  };
}

/** `requestIdleCallback` where there is one (not in Safari), else soon after. */
function whenIdle(run: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 200);
}
