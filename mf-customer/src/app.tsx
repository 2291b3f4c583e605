// first: zod must be configured before any schema is built (see the module)
import '@zhanye/app-kit/zod-jitless';
import { reactLifecycles } from '@zhanye/app-kit/react';
import { translator } from './lib/i18n.ts';
import { Routes } from './root.tsx';

/** The only exports: single-spa lifecycles. Everything else is created per mount. */
export const { bootstrap, mount, unmount } = reactLifecycles({
  Routes,
  crashedTitle: { 'zh-CN': translator('zh-CN')('app.crashed'), 'en-US': translator('en-US')('app.crashed') },
});
