import type { RouteObject } from 'react-router';
import { FlowPage } from './flow.page.tsx';
import { FlowsPage } from './flows.page.tsx';
import { RunPage } from './run.page.tsx';
import { VersionPage } from './version.page.tsx';

/**
 * 决策流 (`/risk/flows`, menu m-risk-flows): the list, a flow with its versions and releases, a
 * version with its tabs (`?tab=edit|cases|simulate|diff|runs`), and a stored run with replay.
 * The JDM editor and monaco load only on the pages that draw a graph (`editor/jdm.loader.ts`).
 */
export const flowRoutes: RouteObject[] = [
  { path: 'flows', element: <FlowsPage /> },
  { path: 'flows/:name', element: <FlowPage /> },
  { path: 'flows/:name/versions/:version', element: <VersionPage /> },
  { path: 'runs/:id', element: <RunPage /> },
];
