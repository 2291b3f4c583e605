import type { PushedNotice } from '@zhanye/contracts';
import { useEffect, useRef } from 'react';
import { onNotice } from '../notices.ts';

/** `onNotice` for a component's lifetime: the latest `handler` is called, subscribed once per `type`. */
export function useNotice(type: string, handler: (notice: PushedNotice) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => onNotice(type, (n) => latest.current(n)), [type]);
}
