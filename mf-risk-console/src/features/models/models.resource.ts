import { type ApiClient, type InputOf, modelApi } from '@zhanye/contracts';

/** The app's calls for the models register (gateway prefix `/api/risk`). */
export const listModels = (api: ApiClient, signal?: AbortSignal) =>
  api.call(modelApi.listModels, {}, { signal });

export const getModel = (api: ApiClient, code: string, signal?: AbortSignal) =>
  api.call(modelApi.getModel, { code }, { signal });

export const modelMonitoring = (
  api: ApiClient,
  input: InputOf<typeof modelApi.modelMonitoring>,
  signal?: AbortSignal,
) => api.call(modelApi.modelMonitoring, input, { signal });

export const updateModel = (api: ApiClient, input: InputOf<typeof modelApi.updateModel>) =>
  api.call(modelApi.updateModel, input);
