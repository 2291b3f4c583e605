import type { AppMountProps, Locale } from '@zhanye/contracts';
import { getContext, setContext } from 'svelte';
import type { Messages } from './i18n.ts';

/** What every component of one mount shares: the shell's props and the current messages. */
export interface MarketingContext {
  readonly shell: AppMountProps;
  /** Reactive: reading it inside markup or `$derived` follows locale changes. */
  readonly t: Messages;
  readonly locale: Locale;
}

const KEY = Symbol('mf-marketing');

export const setMarketingContext = (ctx: MarketingContext) => setContext(KEY, ctx);
export const useMarketing = () => getContext<MarketingContext>(KEY);
