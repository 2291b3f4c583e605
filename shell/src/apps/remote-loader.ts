import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import type { AppLifecycles, AppMountProps, RemoteEntry } from '@zhanye/contracts';
import type { AppFallback } from './app-fallback.tsx';

/** How long an app may take to download before its container shows the fallback. */
export const LOAD_TIMEOUT_MS = 3000;

/**
 * The single-spa loading function of one app. It never rejects: an app that is missing, slow
 * or broken resolves to lifecycles that show the fallback in its own container, so single-spa
 * keeps it unloadable (a retry is `unloadApplication`) and the other apps never notice.
 */
export function createRemoteLoader(entry: RemoteEntry, fallback: AppFallback): () => Promise<AppLifecycles> {
  const remote = { name: entry.scope, entry: entry.manifestUrl };
  registerRemotes([remote]);
  let failed = false;
  return async () => {
    // After a failure, start the remote afresh: drop the runtime's cached manifest, entry
    // script and container for it (a timed-out download may still be pending there).
    if (failed) registerRemotes([remote], { force: true });
    const loading = loadRemote<unknown>(`${entry.scope}/app`);
    // A download that completes after the timeout still counts: a retry then uses it as is.
    loading.then(
      () => {
        failed = false;
      },
      () => undefined,
    );
    try {
      const module = await withTimeout(loading, LOAD_TIMEOUT_MS, entry.app);
      return guard(entry.app, lifecyclesOf(module, entry.app), fallback);
    } catch (error) {
      failed = true;
      return guard(entry.app, broken(error), fallback);
    }
  };
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
        await inner.mount(props);
        performance.mark(`zy:mounted:${app}`);
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
      await inner.unmount(props).catch((error: unknown) => {
        console.error(`[shell] app ${app} failed to unmount`, error);
        props.domElement.replaceChildren();
      });
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

function withTimeout<T>(work: Promise<T>, ms: number, app: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`app ${app} did not load within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
