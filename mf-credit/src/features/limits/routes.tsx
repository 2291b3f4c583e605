import type { RouteObject } from 'react-router';
import { AdjustmentsPage } from './adjustments.page.tsx';
import { LimitDetailPage } from './limit-detail.page.tsx';
import { LimitListPage } from './limit-list.page.tsx';

/** 额度管理 (menu m-credit-limits, `/credit/limits`): list, overview, adjustments, a limit. */
export const limitRoutes: RouteObject[] = [
  { path: 'limits', element: <LimitListPage /> },
  // the overview's chart library is loaded only when the overview is opened
  {
    path: 'limits/overview',
    lazy: async () => ({ Component: (await import('./overview.page.tsx')).default }),
  },
  { path: 'limits/adjustments', element: <AdjustmentsPage /> },
  { path: 'limits/:id', element: <LimitDetailPage /> },
];
