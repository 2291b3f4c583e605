import type { RouteObject } from 'react-router';
import { BatchListPage } from './batch-list.page.tsx';
import { BatchNewPage } from './batch-new.page.tsx';
import { BatchRunPage } from './batch-run.page.tsx';

/** 批量授信 (menu m-risk-batch, `/risk/batch`): the runs, a new run, one run with its progress and charts. */
export const batchRoutes: RouteObject[] = [
  { path: 'batch', element: <BatchListPage /> },
  { path: 'batch/new', element: <BatchNewPage /> },
  { path: 'batch/:id', element: <BatchRunPage /> },
];
