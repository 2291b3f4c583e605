import type { RouteObject } from 'react-router';
import { FeatureEditPage } from './feature.edit.page.tsx';
import { FeaturePage } from './feature.page.tsx';
import { FeaturesPage } from './features.page.tsx';

/**
 * 特征工厂 (`/risk/features`, menu m-risk-features): the catalogue, a feature with its versions
 * and distribution (echarts loads with that page), a new feature and a new version with a test.
 */
export const featureFactoryRoutes: RouteObject[] = [
  { path: 'features', element: <FeaturesPage /> },
  { path: 'features/new', element: <FeatureEditPage /> },
  { path: 'features/:name', element: <FeaturePage /> },
  { path: 'features/:name/edit', element: <FeatureEditPage /> },
];
