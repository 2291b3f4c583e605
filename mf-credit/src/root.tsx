import { useMount } from '@zhanye/app-kit/react';
import { useEffect, useMemo } from 'react';
import { createBrowserRouter, type RouteObject, RouterProvider } from 'react-router';
import { applicationRoutes } from './features/applications/routes.tsx';
import { catalogueRoutes } from './features/catalogue/routes.tsx';
import { jobRoutes } from './features/jobs/routes.tsx';
import { limitRoutes } from './features/limits/routes.tsx';
import { statsRoutes } from './features/stats/routes.tsx';
import { todoRoutes } from './features/todos/routes.tsx';
import { NotFound } from './lib/not-found.tsx';

/** Every page of the app, below its base path (`/credit`): each feature lists its own. */
const routes: RouteObject[] = [
  ...applicationRoutes,
  ...todoRoutes,
  ...limitRoutes,
  ...catalogueRoutes,
  ...statsRoutes,
  ...jobRoutes,
  { path: '*', element: <NotFound /> },
];

/**
 * The app's router (react-router's data router under the shell's base path), one per mount and
 * disposed with it; deep links, back/forward and leave-with-unsaved-changes guards (`useBlocker`)
 * work. Navigation to another app goes through the shell (`navigate` in the mount props).
 */
export function Routes() {
  const { basePath } = useMount();
  const router = useMemo(() => createBrowserRouter(routes, { basename: basePath }), [basePath]);
  useEffect(() => () => router.dispose(), [router]);
  return <RouterProvider router={router} />;
}
