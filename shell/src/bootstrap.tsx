// antd's component styles, once for the shell and every app (zero-runtime theme: `antdTheme`)
import 'antd/dist/antd.css';
import './workbench.css';
import { type ApiClient, ApiError, createEventBus } from '@zhanye/contracts';
import { createRoot } from 'react-dom/client';
import { start } from 'single-spa';
import { createAppOutlet } from './apps/app-outlet.ts';
import { registerApps } from './apps/register-apps.ts';
import { StartupError } from './layout/startup-error.tsx';
import { Workbench } from './layout/workbench.tsx';
import { createLocaleStore, readOnly } from './locale-store.ts';
import { SHELL_APP } from './pages/shell-pages.ts';
import { rememberUser } from './session/last-user.ts';
import { forgetRegistry, type Session } from './session/session.resource.ts';
import { createSessionStore, samePermissions } from './session/session.store.ts';
import { watchSessionEvents } from './session/session-events.ts';
import { toLogin, toLoginSignedOut } from './session/shell-api.ts';
import { applyThemeVariables } from './theme-vars.ts';

/** The workbench's composition root: theme, session, apps, layout, then single-spa. */
export async function startWorkbench(api: ApiClient, pending: Promise<Session>): Promise<void> {
  applyThemeVariables();
  const locale = createLocaleStore();
  const root = createRoot(document.getElementById('root') as HTMLElement);

  const session = await pending.catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 401) return null; // already on the way to /login
    console.error('[shell] cannot start', error);
    root.render(<StartupError locale={locale.get()} />);
    return null;
  });
  if (!session) return;
  rememberUser(session.me.user.userId);

  const outlet = createAppOutlet();
  // Pages the shell serves itself are not remotes, whatever the registry says.
  const remotesOf = (s: Session) => s.remotes.filter((remote) => remote.app !== SHELL_APP);
  const store = createSessionStore(api, session, (next, previous) =>
    apps.sync(remotesOf(next), !samePermissions(next, previous)),
  );
  const apps = registerApps(remotesOf(session), outlet, {
    session: readOnly(store),
    locale: readOnly(locale),
    api,
    bus: createEventBus(),
  });
  root.render(<Workbench session={store} localeStore={locale} api={api} outlet={outlet} />);
  // Access changes arrive pushed: menus, pages, buttons and the mounted app follow without a reload.
  watchSessionEvents({
    onAccess: () =>
      void store.refresh().catch((error: unknown) => console.warn('[shell] refresh failed', error)),
    onEnded: (reason) => {
      forgetRegistry();
      // signed out in another tab: nothing to come back to; otherwise back here after signing in
      if (reason === 'logout') toLoginSignedOut();
      else toLogin();
    },
    // any authenticated call: a 401 refreshes the access token once, or leaves for the sign-in page
    revalidate: () => store.refresh().then(() => undefined),
  });
  // Once the first route has settled (its app mounted, or its fallback shown), fetch the
  // user's other apps while the browser is idle. The login page is a separate document: it never
  // gets here.
  window.addEventListener('single-spa:routing-event', () => apps.preloadWhenIdle(), { once: true });
  start();
}
