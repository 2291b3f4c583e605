import { type ApiClient, type InputOf, limitApi, type OutputOf } from '@zhanye/contracts';

export type LimitQuery = InputOf<typeof limitApi.listLimits>;
export type LimitDetail = OutputOf<typeof limitApi.getLimit>;
export type Limit = LimitDetail['limit'];
export type Entry = LimitDetail['entries'][number];
export type Adjustment = OutputOf<typeof limitApi.decideAdjustment>;
export type OverviewRow = OutputOf<typeof limitApi.limitOverview>['rows'][number];

export const listLimits = (api: ApiClient, query: LimitQuery, signal?: AbortSignal) =>
  api.call(limitApi.listLimits, query, { signal });

export const getLimit = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(limitApi.getLimit, { id }, { signal });

export const limitOverview = (api: ApiClient, by: 'customer' | 'branch', signal?: AbortSignal) =>
  api.call(limitApi.limitOverview, { by }, { signal });

export const listManagers = (api: ApiClient, signal?: AbortSignal) =>
  api.call(limitApi.listManagers, {}, { signal });

export const listAdjustments = (
  api: ApiClient,
  status: Adjustment['status'] | undefined,
  signal?: AbortSignal,
) => api.call(limitApi.listAdjustments, status ? { status } : {}, { signal });

/** The operations on a limit; `key` makes a retried send apply once. */
export const limitOps = {
  freeze: (api: ApiClient, input: InputOf<typeof limitApi.freezeLimit>, key: string) =>
    api.call(limitApi.freezeLimit, input, { idempotencyKey: key }),
  unfreeze: (api: ApiClient, input: InputOf<typeof limitApi.unfreezeLimit>, key: string) =>
    api.call(limitApi.unfreezeLimit, input, { idempotencyKey: key }),
  cancel: (api: ApiClient, input: InputOf<typeof limitApi.cancelLimit>, key: string) =>
    api.call(limitApi.cancelLimit, input, { idempotencyKey: key }),
  transfer: (api: ApiClient, input: InputOf<typeof limitApi.transferLimit>, key: string) =>
    api.call(limitApi.transferLimit, input, { idempotencyKey: key }),
  adjust: (api: ApiClient, input: InputOf<typeof limitApi.requestAdjustment>, key: string) =>
    api.call(limitApi.requestAdjustment, input, { idempotencyKey: key }),
};

export const decideAdjustment = (
  api: ApiClient,
  input: InputOf<typeof limitApi.decideAdjustment>,
  key: string,
) => api.call(limitApi.decideAdjustment, input, { idempotencyKey: key });
