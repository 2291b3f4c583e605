import { type ApiClient, type BatchRun, batchApi, type InputOf } from '@zhanye/contracts';

export type { BatchRun };
export type NewRun = InputOf<typeof batchApi.createBatchRun>;
export type RunFilter = InputOf<typeof batchApi.listBatchRuns>;
export type ResultFilter = InputOf<typeof batchApi.batchResults>;

export const listRuns = (api: ApiClient, filter: RunFilter, signal?: AbortSignal) =>
  api.call(batchApi.listBatchRuns, filter, { signal });
export const getRun = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(batchApi.getBatchRun, { id }, { signal });
export const getProgress = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(batchApi.batchRunProgress, { id }, { signal });
export const createRun = (api: ApiClient, input: NewRun) => api.call(batchApi.createBatchRun, input);
export const commandRun = (api: ApiClient, command: 'pause' | 'resume' | 'cancel', run: BatchRun) =>
  api.call(
    command === 'pause'
      ? batchApi.pauseBatchRun
      : command === 'resume'
        ? batchApi.resumeBatchRun
        : batchApi.cancelBatchRun,
    { id: run.id, version: run.version },
  );
export const listResults = (api: ApiClient, filter: ResultFilter, signal?: AbortSignal) =>
  api.call(batchApi.batchResults, filter, { signal });
export const getSummary = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(batchApi.batchSummary, { id }, { signal });
export const exportRun = (api: ApiClient, id: string, part: number) =>
  api.call(batchApi.exportBatchRun, { id, part, format: 'xlsx' });
