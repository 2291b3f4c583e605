import { createReadable, type Locale, type Readable } from '@zhanye/contracts';
import { readLocale, writeLocale } from './locale-storage.ts';

export type LocaleStore = Readable<Locale> & { set(locale: Locale): void };

/** The one locale of the page: the header switch sets it, the shell and every app read it. */
export function createLocaleStore(): LocaleStore {
  const store = createReadable<Locale>(readLocale());
  document.documentElement.lang = store.get();
  return {
    get: store.get,
    subscribe: store.subscribe,
    set(locale) {
      writeLocale(locale);
      store.set(locale);
    },
  };
}

/** What apps receive: they follow the locale but cannot change it. */
export function readOnly<T>(store: Readable<T>): Readable<T> {
  return { get: store.get, subscribe: store.subscribe };
}
