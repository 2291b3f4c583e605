import type { RouteObject } from 'react-router';
import { ApplicationPage } from './application.page.tsx';
import { ApplicationNewPage } from './application-new.page.tsx';
import { ApplicationsPage } from './applications.page.tsx';

/** This feature's pages: the list (`/credit`), the wizard (`/credit/new`), one application (`/credit/:id`). */
export const applicationRoutes: RouteObject[] = [
  { path: '/', element: <ApplicationsPage /> },
  { path: 'new', element: <ApplicationNewPage /> },
  { path: ':id', element: <ApplicationPage /> },
];
