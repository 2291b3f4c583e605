import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import type { AppLifecycles, AppMountProps, RemoteEntry } from '@zhanye/contracts';
import type { AppFallback } from './app-fallback.tsx';

/**
 * How long an app may take to download before its container shows the fallback. Below 3 s on
 * purpose: the bar is the fallback *on screen* within 3 s of the navigation, rendering included.
 */
export const LOAD_TIMEOUT_MS = 2500;

export interface RemoteLoader {
  /** single-spa's loading function. Never rejects (see `createRemoteLoader`). */
  load(): Promise<AppLifecycles>;
  /** Downloads and evaluates `./app` without mounting it. Silent: a failure only marks the remote for a fresh start. */
  preload(): Promise<void>;
}

/**
 * The loading function of one app. It never rejects: an app that is missing, slow or broken
 * resolves to lifecycles that show the fallback in its own container, so single-spa keeps it
 * unloadable (a retry is `unloadApplication`) and the other apps never notice.
 *
 * A download that only timed out keeps going; when it arrives, `onLateLoad` is called (the shell
 * then swaps the fallback for the app, without a click).
 */
export function createRemoteLoader(
  entry: RemoteEntry,
  fallback: AppFallback,
  onLateLoad: () => void,
): RemoteLoader {
  const remote = { name: entry.scope, entry: entry.manifestUrl };
  registerRemotes([remote]);
  /** The runtime's state for this remote must be dropped before the next download. */
  let stale = false;
  /** A download in flight (a preload, or a load that timed out), shared by the next load. */
  let inFlight: Promise<unknown> | null = null;
  let attempt = 0;

  function download(): Promise<unknown> {
    if (inFlight && !stale) return inFlight;
    // After a failure, start the remote afresh: drop the runtime's cached manifest, entry
    // script and container for it (a timed-out download may still be pending there).
    if (stale) registerRemotes([remote], { force: true });
    stale = false;
    const loading = loadRemote<unknown>(`${entry.scope}/app`);
    inFlight = loading;
    loading.then(
      () => {
        if (inFlight === loading) inFlight = null;
      },
      () => {
        if (inFlight !== loading) return;
        inFlight = null;
        stale = true;
      },
    );
    return loading;
  }

  return {
    async load() {
      const mine = ++attempt;
      const loading = download();
      try {
        const module = await withTimeout(loading, LOAD_TIMEOUT_MS, entry.app);
        return guard(entry.app, lifecyclesOf(module, entry.app), fallback);
      } catch (error) {
        if (error instanceof LoadTimeout) {
          // the next attempt starts afresh, unless this download arrives first
          stale = true;
          loading.then(
            () => {
              if (mine !== attempt) return;
              stale = false;
              onLateLoad();
            },
            () => undefined,
          );
        } else {
          stale = true;
        }
        return guard(entry.app, broken(error), fallback);
      }
    },
    async preload() {
      await download().then(
        () => undefined,
        () => undefined,
      );
    },
  };
}

/**
 * Performance marks around an app's lifecycle (`zy:mount:<app>`, `zy:mounted:<app>`,
 * `zy:unmount:<app>`, `zy:unmounted:<app>`), one entry each, the latest: the timeline buffer does
 * not grow with every switch. `pnpm bench:web` reads them to split a switch into its parts.
 */
function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}

/** Wraps an app's lifecycles so a throwing bootstrap, mount or unmount shows the fallback. */
function guard(app: string, inner: AppLifecycles, fallback: AppFallback): AppLifecycles {
  let failure: unknown = null;
  let showing = false;
  const fail = (props: AppMountProps, error: unknown) => {
    console.error(`[shell] app ${app} failed`, error);
    fallback.show(props.domElement);
    showing = true;
  };
  return {
    async bootstrap(props) {
      await inner.bootstrap(props).catch((error: unknown) => {
        failure = error;
      });
    },
    async mount(props) {
      if (failure) return fail(props, failure);
      try {
        mark(`zy:mount:${app}`);
        await inner.mount(props);
        mark(`zy:mounted:${app}`);
      } catch (error) {
        await inner.unmount(props).catch(() => undefined);
        fail(props, error);
      }
    },
    async unmount(props) {
      if (showing) {
        showing = false;
        return fallback.hide();
      }
      // Removing a focused element fires no focusout, so a framework that tracks the focused
      // input (React's select-event plugin does) would keep the app's detached form alive.
      const focused = document.activeElement;
      if (focused instanceof HTMLElement && props.domElement.contains(focused)) focused.blur();
      mark(`zy:unmount:${app}`);
      await inner.unmount(props).catch((error: unknown) => {
        console.error(`[shell] app ${app} failed to unmount`, error);
        props.domElement.replaceChildren();
      });
      mark(`zy:unmounted:${app}`);
    },
  };
}

function broken(error: unknown): AppLifecycles {
  const reject = () => Promise.reject(error);
  return { bootstrap: reject, mount: reject, unmount: async () => undefined };
}

type Lifecycle = (props: AppMountProps) => unknown;

/** Accepts the lifecycles as named exports or as the default export, each a function or an array. */
function lifecyclesOf(module: unknown, app: string): AppLifecycles {
  const m = module as Record<string, unknown> | null;
  const l = (m && !m.mount && m.default ? m.default : m) as Record<string, unknown> | null;
  if (!l || !isLifecycle(l.mount) || !isLifecycle(l.unmount)) {
    throw new Error(`app ${app} does not export single-spa lifecycles from ./app`);
  }
  return { bootstrap: sequence(l.bootstrap), mount: sequence(l.mount), unmount: sequence(l.unmount) };
}

function isLifecycle(value: unknown): boolean {
  return typeof value === 'function' || Array.isArray(value);
}

function sequence(value: unknown): (props: AppMountProps) => Promise<void> {
  const steps = (Array.isArray(value) ? value : value ? [value] : []) as Lifecycle[];
  return async (props) => {
    for (const step of steps) await step(props);
  };
}

class LoadTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number, app: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoadTimeout(`app ${app} did not load within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
