import { NOTICE_EVENT, PushedNotice } from '@zhanye/contracts';

/**
 * Calls `handler` with each notice a service pushes to the signed-in user (contracts `push.ts`)
 * whose type is `type` or starts with `type.`; returns a function that stops listening. The shell
 * relays the notices from its server-sent events stream; notices are at most once, so a page
 * that must not miss a change also re-reads on mount.
 */
export function onNotice(type: string, handler: (notice: PushedNotice) => void): () => void {
  const listener = (e: Event) => {
    const parsed = PushedNotice.safeParse((e as CustomEvent<unknown>).detail);
    if (!parsed.success) return;
    const t = parsed.data.type;
    if (t === type || t.startsWith(`${type}.`)) handler(parsed.data);
  };
  window.addEventListener(NOTICE_EVENT, listener);
  return () => window.removeEventListener(NOTICE_EVENT, listener);
}
