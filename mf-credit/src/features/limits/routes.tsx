import type { RouteObject } from 'react-router';
import { AdjustmentsPage } from './adjustments.page.tsx';
import { LimitDetailPage } from './limit-detail.page.tsx';
import { LimitListPage } from './limit-list.page.tsx';
import { LimitOverviewPage } from './overview.page.tsx';

/** 额度管理 (menu m-credit-limits, `/credit/limits`): list, overview, adjustments, a limit. */
export const limitRoutes: RouteObject[] = [
  { path: 'limits', element: <LimitListPage /> },
  { path: 'limits/overview', element: <LimitOverviewPage /> },
  { path: 'limits/adjustments', element: <AdjustmentsPage /> },
  { path: 'limits/:id', element: <LimitDetailPage /> },
];
