import type { ApiClient, Readable } from '@zhanye/contracts';
import { createReadable } from '@zhanye/contracts';
import { loadSession, type Session } from './session.resource.ts';

/** The signed-in session as it stands now: the workbench, its pages and the apps read it live. */
export interface SessionStore extends Readable<Session> {
  /** Reads `/me` and `/registry` again (after an access change, or a reconnect). */
  refresh(): Promise<Session>;
}

/**
 * Holds the session and lets `beforePublish` settle the apps (unregister, remount) before the
 * new session is published, so the layout never shows a page whose app is still mounted.
 */
export function createSessionStore(
  api: ApiClient,
  initial: Session,
  beforePublish: (next: Session, previous: Session) => Promise<void>,
): SessionStore {
  const store = createReadable(initial);
  let running: Promise<Session> | null = null;
  let again = false;

  async function reload(): Promise<Session> {
    const previous = store.get();
    const next = await loadSession(api);
    await beforePublish(next, previous);
    store.set(next);
    return next;
  }

  function refresh(): Promise<Session> {
    // Coalesce bursts: one reload at a time, and one more if a change came during it.
    if (running) {
      again = true;
      return running;
    }
    running = reload().finally(() => {
      running = null;
      if (again) {
        again = false;
        refresh().catch((error: unknown) => console.warn('[shell] session refresh failed', error));
      }
    });
    return running;
  }

  return { get: store.get, subscribe: store.subscribe, refresh };
}

/** The set of permission codes, compared as a set: the order the server sends does not matter. */
export function samePermissions(a: Session, b: Session): boolean {
  const x = new Set(a.me.user.permissions);
  const y = b.me.user.permissions;
  return x.size === new Set(y).size && y.every((p) => x.has(p));
}
