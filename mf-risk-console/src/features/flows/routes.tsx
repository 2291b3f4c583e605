import type { RouteObject } from 'react-router';

/**
 * 决策流 (`/risk/flows`, menu m-risk-flows): the list, a flow with its versions and releases, a
 * version with its tabs (`?tab=edit|cases|simulate|diff|runs`), and a stored run with replay.
 * Each page loads with its route (the app's first chunk stays small); the JDM editor and monaco
 * load only where a graph is drawn (`editor/jdm.loader.ts`).
 */
export const flowRoutes: RouteObject[] = [
  { path: 'flows', lazy: () => import('./flows.page.tsx').then((m) => ({ Component: m.FlowsPage })) },
  { path: 'flows/:name', lazy: () => import('./flow.page.tsx').then((m) => ({ Component: m.FlowPage })) },
  {
    path: 'flows/:name/versions/:version',
    lazy: () => import('./version.page.tsx').then((m) => ({ Component: m.VersionPage })),
  },
  { path: 'runs/:id', lazy: () => import('./run.page.tsx').then((m) => ({ Component: m.RunPage })) },
];
