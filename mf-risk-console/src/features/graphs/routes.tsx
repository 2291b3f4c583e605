import type { RouteObject } from 'react-router';
import { GraphsPage } from './graphs.page.tsx';

/** The stored graphs of the first release (`/risk/graphs`). */
export const graphRoutes: RouteObject[] = [{ path: 'graphs', element: <GraphsPage /> }];
