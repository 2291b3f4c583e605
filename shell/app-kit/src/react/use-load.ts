import { type DependencyList, useCallback, useEffect, useState } from 'react';

interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
}

/**
 * Loads on mount, when `deps` change and on `reload()`; aborts the call on change or unmount.
 * A failed reload keeps the data it had, next to the error.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` are the caller's dependencies of `load`.
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(ctrl.signal).then(
      (data) => ctrl.signal.aborted || setState({ data, loading: false }),
      (error: unknown) => ctrl.signal.aborted || setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => ctrl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ data, loading: false }), []);
  return { ...state, reload, setData };
}
