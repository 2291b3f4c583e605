import { type ApiClient, type FeatureDraft, featureApi, type InputOf } from '@zhanye/contracts';

/** The feature factory's calls (gateway prefix `/api/risk`), one small function each. */

export const listFeatures = (
  api: ApiClient,
  query: InputOf<typeof featureApi.listFeatures>,
  signal?: AbortSignal,
) => api.call(featureApi.listFeatures, query, { signal });

export const getFeature = (api: ApiClient, name: string, signal?: AbortSignal) =>
  api.call(featureApi.getFeature, { name }, { signal });

export const createFeature = (api: ApiClient, name: string, draft: FeatureDraft) =>
  api.call(featureApi.createFeature, { name, draft });

export const newFeatureVersion = (api: ApiClient, name: string, draft: FeatureDraft) =>
  api.call(featureApi.newFeatureVersion, { name, draft });

export const testFeature = (api: ApiClient, id: string, name: string, draft: FeatureDraft, asOf: string) =>
  api.call(featureApi.testFeature, { id, name, draft, asOf });

export const featureDistribution = (api: ApiClient, name: string, asOf: string, signal?: AbortSignal) =>
  api.call(featureApi.featureDistribution, { name, asOf, bins: 20 }, { signal });

/** Today as `YYYY-MM-DD` (UTC), the default as-of date. */
export const today = () => new Date().toISOString().slice(0, 10);
