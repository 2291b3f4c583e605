import type { ApiClient } from './client.ts';
import type { Permission } from './domains.ts';
import type { Locale } from './platform/platform.schema.ts';
import type { Principal } from './principal.ts';
import type { ThemeTokens } from './theme.ts';

/** Version of the shell-to-app contract. An app built for another major version is refused. */
export const MOUNT_CONTRACT_VERSION = '1.0.0';

/** A Svelte-store-compatible readable: `subscribe` calls back at once, then on each change. */
export interface Readable<T> {
  get(): T;
  subscribe(run: (value: T) => void): () => void;
}

/** Events apps may tell each other about, typed. An app never reads another app's state or DOM. */
export interface AppEvents {
  'customer.selected': { customerId: string; name: string };
  'credit.application.submitted': { applicationId: string; customerId: string };
  'marketing.lead.created': { leadId: string; customerId: string };
}

export interface EventBus {
  emit<K extends keyof AppEvents>(type: K, payload: AppEvents[K]): void;
  on<K extends keyof AppEvents>(type: K, handler: (payload: AppEvents[K]) => void): () => void;
}

/**
 * What the shell passes to every app at mount (single-spa custom props). This is the whole
 * contract between the shell and an app.
 */
export interface AppMountProps {
  /** App id, e.g. `mf-credit`. */
  app: string;
  /** Route prefix in the workbench, e.g. `/credit`. */
  basePath: string;
  /** The element the app renders into; it owns everything inside, nothing outside. */
  domElement: HTMLElement;
  user: Principal;
  /** Whether the user holds a permission code (typed: `Permissions.x` from contracts). */
  can(permission: Permission): boolean;
  navigate(to: string): void;
  bus: EventBus;
  theme: ThemeTokens;
  locale: Readable<Locale>;
  api: ApiClient;
}

/** The single-spa lifecycles every remote exposes as `./app`. */
export interface AppLifecycles {
  bootstrap(props: AppMountProps): Promise<void>;
  mount(props: AppMountProps): Promise<void>;
  unmount(props: AppMountProps): Promise<void>;
}

export function createReadable<T>(initial: T): Readable<T> & { set(value: T): void } {
  let value = initial;
  const subs = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(v) {
      value = v;
      for (const s of subs) s(v);
    },
    subscribe(run) {
      subs.add(run);
      run(value);
      return () => subs.delete(run);
    },
  };
}

export function createEventBus(): EventBus {
  const target = new EventTarget();
  return {
    emit(type, payload) {
      target.dispatchEvent(new CustomEvent(type, { detail: payload }));
    },
    on(type, handler) {
      const listener = (e: Event) => handler((e as CustomEvent).detail);
      target.addEventListener(type, listener);
      return () => target.removeEventListener(type, listener);
    },
  };
}
