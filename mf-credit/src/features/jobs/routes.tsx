import type { RouteObject } from 'react-router';
import { JobsPage } from './jobs.page.tsx';

/** 定时作业 (`/credit/jobs`). */
export const jobRoutes: RouteObject[] = [{ path: 'jobs', element: <JobsPage /> }];
