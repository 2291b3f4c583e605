export { errorText, LoadError, useShowError } from './errors.tsx';
export { formatMoney, formatTime } from './format.ts';
export { createTranslator, type Messages, type Translate } from './i18n.ts';
export { type ReactAppOptions, reactLifecycles } from './lifecycles.tsx';
export { type Mount, MountRoot, useMount } from './mount.tsx';
export { Link, useRoute } from './router.tsx';
export { useDebounced } from './use-debounced.ts';
export { useLoad } from './use-load.ts';
