import { type ApiClient, customerApi, type InputOf } from '@zhanye/contracts';

export type CustomerQuery = InputOf<typeof customerApi.list>;
export type NewCustomer = InputOf<typeof customerApi.create>;

export const listCustomers = (api: ApiClient, query: CustomerQuery, signal?: AbortSignal) =>
  api.call(customerApi.list, query, { signal });

/** `key` makes a retried or double-clicked save register the customer once. */
export const createCustomer = (api: ApiClient, input: NewCustomer, key: string) =>
  api.call(customerApi.create, input, { idempotencyKey: key });

export const getCustomer = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(customerApi.get, { id }, { signal });

export const getTimeline = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(customerApi.timeline, { id }, { signal });
