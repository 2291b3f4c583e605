import type { AppMountProps, RemoteEntry } from '@zhanye/contracts';
import {
  addErrorHandler,
  getAppStatus,
  getMountedApps,
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

type Config = RegisterApplicationConfig<AppMountProps>;

export interface RegisteredApps {
  /**
   * Downloads the apps not loaded yet, one at a time, each when the browser is idle, so a first
   * switch to them is fast. Failures are silent (the app's own load shows them, if it is opened).
   */
  preloadWhenIdle(): void;
  /**
   * Brings the registered apps in line with a new registry answer (after an access change):
   * apps no longer granted are unmounted and unregistered, newly granted ones registered, and,
   * when the permission set changed, the mounted apps are unmounted and mounted again so they
   * render with the new permissions. A changed version waits for the next start, as a release does.
   */
  sync(remotes: RemoteEntry[], permissionsChanged: boolean): Promise<void>;
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

  function register(entry: RemoteEntry): void {
    const fallback = createAppFallback(entry.app, shell.locale, () => void retry(entry.app));
    const loader = createRemoteLoader(entry, fallback, () => void retry(entry.app));
    const container = outlet.containerOf(entry.app);
    const config: Config = {
      name: entry.app,
      app: loader.load,
      activeWhen: entry.route,
      customProps: () => mountPropsOf(entry, container, shell),
    };
    configs.set(entry.app, config);
    fallbacks.set(entry.app, fallback);
    loaders.set(entry.app, loader);
    registerApplication(config);
  }

  async function unregister(app: string): Promise<void> {
    fallbacks.get(app)?.hide();
    configs.delete(app);
    fallbacks.delete(app);
    loaders.delete(app);
    await unregisterApplication(app).catch((error: unknown) =>
      console.warn(`[shell] could not unregister ${app}`, error),
    );
    outlet.containerOf(app).replaceChildren();
  }

  for (const entry of remotes) {
    if (!configs.has(entry.app)) register(entry);
  }

  // The lifecycle guard catches app errors; this catches whatever still reaches single-spa.
  addErrorHandler((error) => {
    console.error(`[shell] single-spa error in ${error.appOrParcelName}`, error);
    fallbacks.get(error.appOrParcelName)?.show(outlet.containerOf(error.appOrParcelName));
  });

  return {
    async sync(next, permissionsChanged) {
      const wanted = new Map(next.map((entry) => [entry.app, entry]));
      const gone = [...configs.keys()].filter((app) => !wanted.has(app));
      await Promise.all(gone.map(unregister));
      for (const entry of wanted.values()) if (!configs.has(entry.app)) register(entry);
      if (permissionsChanged) {
        const mounted = getMountedApps().filter((app) => configs.has(app));
        // unloadApplication unmounts, unloads and reroutes: the app loads (cached) and mounts anew
        await Promise.all(
          mounted.map((app) =>
            unloadApplication(app).catch((error: unknown) =>
              console.warn(`[shell] could not remount ${app}`, error),
            ),
          ),
        );
      }
      await triggerAppChange();
    },
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
