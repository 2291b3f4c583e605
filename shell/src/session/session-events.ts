import { NOTICE_EVENT, SESSION_EVENTS_PATH, SessionEvent } from '@zhanye/contracts';

export interface SessionEventHandlers {
  /** What the user may do changed, or events may have been missed (after a reconnect). */
  onAccess(): void;
  onEnded(reason: string): void;
  /**
   * The stream was refused (the access token expired, or the session is gone). Called before
   * reconnecting: an API call here refreshes the token, or sends the browser to sign in.
   */
  revalidate(): Promise<void>;
}

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/**
 * Listens to the session's server-sent events. A dropped connection is retried by EventSource
 * itself; a refused one (401: EventSource gives up for good) is reopened here after `revalidate`,
 * with a growing delay, so an expired token leads to a refresh or to sign-in, never to a tight loop.
 * Returns a function that stops listening.
 */
export function watchSessionEvents(handlers: SessionEventHandlers): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;
  /** Events may have been missed while the stream was down: re-read on the next open. */
  let missed = false;

  function dispatch(data: string, fallbackType: string) {
    let parsed: unknown;
    try {
      parsed = data ? JSON.parse(data) : { type: fallbackType };
    } catch {
      parsed = { type: fallbackType };
    }
    const event = SessionEvent.safeParse(parsed);
    if (!event.success) return;
    if (event.data.type === 'access') return handlers.onAccess();
    if (event.data.type === 'notice') {
      // for the apps (app-kit `onNotice`): the shell only relays
      window.dispatchEvent(new CustomEvent(NOTICE_EVENT, { detail: event.data.notice }));
      return;
    }
    // the server closes the stream after this: no reconnecting to a session that is over
    stopped = true;
    source?.close();
    handlers.onEnded(event.data.reason);
  }

  function open() {
    if (stopped) return;
    const es = new EventSource(SESSION_EVENTS_PATH, { withCredentials: true });
    source = es;
    es.onopen = () => {
      failures = 0;
      if (missed) {
        missed = false;
        handlers.onAccess();
      }
    };
    // The server may name its events or send them as plain messages: both carry a SessionEvent.
    es.onmessage = (e) => dispatch(e.data, 'access');
    es.addEventListener('access', (e) => dispatch((e as MessageEvent<string>).data, 'access'));
    es.addEventListener('ended', (e) => dispatch((e as MessageEvent<string>).data, 'ended'));
    es.addEventListener('notice', (e) => dispatch((e as MessageEvent<string>).data, 'notice'));
    es.onerror = () => {
      missed = true;
      if (es.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      es.close();
      const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** failures);
      failures += 1;
      timer = setTimeout(() => {
        handlers.revalidate().then(open, () => {
          // still failing (e.g. 503): try again later; a 401 has left for the sign-in page
          if (!stopped) timer = setTimeout(open, delay);
        });
      }, delay);
    };
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
