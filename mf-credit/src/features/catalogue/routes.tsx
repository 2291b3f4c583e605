import type { RouteObject } from 'react-router';

/** This feature's pages (being built: issue 9). */
export const catalogueRoutes: RouteObject[] = [];
