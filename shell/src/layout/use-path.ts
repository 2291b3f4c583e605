import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('single-spa:routing-event', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('single-spa:routing-event', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

const currentPath = () => window.location.pathname.replace(/\/+$/, '') || '/';

/** The current path without a trailing slash, updated after single-spa has routed. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}
