import { useMount } from '@zhanye/app-kit/react';
import { useEffect, useMemo } from 'react';
import { createBrowserRouter, type RouteObject, RouterProvider } from 'react-router';
import { batchRoutes } from './features/batch/routes.tsx';
import { decisionRoutes } from './features/decisions/routes.tsx';
import { featureFactoryRoutes } from './features/feature-factory/routes.tsx';
import { flowRoutes } from './features/flows/routes.tsx';
import { graphRoutes } from './features/graphs/routes.tsx';
import { modelRoutes } from './features/models/routes.tsx';
import { warningRoutes } from './features/warnings/routes.tsx';
import { NotFound } from './lib/not-found.tsx';

/** Every page of the app, below its base path (`/risk`): each feature lists its own. */
const routes: RouteObject[] = [
  ...decisionRoutes,
  ...graphRoutes,
  ...flowRoutes,
  ...modelRoutes,
  ...warningRoutes,
  ...featureFactoryRoutes,
  ...batchRoutes,
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
