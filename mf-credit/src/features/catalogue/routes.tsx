import type { RouteObject } from 'react-router';
import { LprPage } from './lpr.page.tsx';
import { ProductsPage } from './products.page.tsx';
import { AuthorityRulesPage, ProcessRulesPage } from './rules.pages.tsx';

/**
 * The catalogue's pages: products and the LPR under 产品管理 (`/credit/products`, menu
 * m-credit-products), the process-mode and authority tables under 流程与授权 (`/credit/rules`,
 * menu m-credit-rules).
 */
export const catalogueRoutes: RouteObject[] = [
  { path: 'products', element: <ProductsPage /> },
  { path: 'products/lpr', element: <LprPage /> },
  { path: 'rules', element: <ProcessRulesPage /> },
  { path: 'rules/authority', element: <AuthorityRulesPage /> },
];
