import type { RouteObject } from 'react-router';
import { StatsPage } from './stats.page.tsx';

/** 授信统计 (`/credit/stats`). */
export const statsRoutes: RouteObject[] = [{ path: 'stats', element: <StatsPage /> }];
