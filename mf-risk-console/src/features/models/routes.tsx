import type { RouteObject } from 'react-router';
import { ModelPage } from './model.page.tsx';
import { ModelsPage } from './models.page.tsx';

/** 模型管理 (`/risk/models`, menu m-risk-models): the register and a model's monitoring. */
export const modelRoutes: RouteObject[] = [
  { path: 'models', element: <ModelsPage /> },
  { path: 'models/:code', element: <ModelPage /> },
];
