import { type ApiClient, type ApplicationStatus, creditApi, type InputOf } from '@zhanye/contracts';

export type NewApplication = InputOf<typeof creditApi.createApplication>;
export type ApplicationFilter = { status?: ApplicationStatus; page: number; pageSize: number };

export const listApplications = (api: ApiClient, filter: ApplicationFilter, signal?: AbortSignal) =>
  api.call(creditApi.listApplications, filter, { signal });

export const getApplication = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(creditApi.getApplication, { id }, { signal });

/** `key` makes a retried or double-clicked save take the application once. */
export const createApplication = (api: ApiClient, input: NewApplication, key: string) =>
  api.call(creditApi.createApplication, input, { idempotencyKey: key });

export const submitApplication = (api: ApiClient, id: string) =>
  api.call(creditApi.submitApplication, { id });

export const decideApplication = (
  api: ApiClient,
  id: string,
  verdict: 'approve' | 'reject',
  comment: string,
) =>
  api.call(verdict === 'approve' ? creditApi.approveApplication : creditApi.rejectApplication, {
    id,
    comment,
  });
