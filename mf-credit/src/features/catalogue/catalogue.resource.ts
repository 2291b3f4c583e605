import { type ApiClient, catalogueApi, type InputOf, type OutputOf } from '@zhanye/contracts';

export type ProductItem = OutputOf<typeof catalogueApi.getProduct>;
export type NewProduct = InputOf<typeof catalogueApi.createProduct>;
export type ProductRevision = InputOf<typeof catalogueApi.reviseProduct>;
export type LprList = OutputOf<typeof catalogueApi.listLpr>;
export type ProcessTable = OutputOf<typeof catalogueApi.processRules>['items'][number];
export type AuthorityTable = OutputOf<typeof catalogueApi.authorityRules>['items'][number];
export type TryCase = InputOf<typeof catalogueApi.tryProcessRules>;

export const listProducts = (api: ApiClient, status: 'active' | 'retired' | 'all', signal?: AbortSignal) =>
  api.call(catalogueApi.listProducts, { status }, { signal });
export const productVersions = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(catalogueApi.productVersions, { id }, { signal });
/** `key` makes a retried or double-clicked save count once. */
export const createProduct = (api: ApiClient, input: NewProduct, key: string) =>
  api.call(catalogueApi.createProduct, input, { idempotencyKey: key });
export const reviseProduct = (api: ApiClient, input: ProductRevision, key: string) =>
  api.call(catalogueApi.reviseProduct, input, { idempotencyKey: key });
export const retireProduct = (api: ApiClient, id: string) => api.call(catalogueApi.retireProduct, { id });

export const listLpr = (api: ApiClient, signal?: AbortSignal) =>
  api.call(catalogueApi.listLpr, {}, { signal });
export const createLpr = (api: ApiClient, input: InputOf<typeof catalogueApi.createLpr>, key: string) =>
  api.call(catalogueApi.createLpr, input, { idempotencyKey: key });

export const processTables = (api: ApiClient, signal?: AbortSignal) =>
  api.call(catalogueApi.processRules, {}, { signal });
export const saveProcessTable = (
  api: ApiClient,
  input: InputOf<typeof catalogueApi.saveProcessRules>,
  key: string,
) => api.call(catalogueApi.saveProcessRules, input, { idempotencyKey: key });
export const activateProcessTable = (api: ApiClient, version: number) =>
  api.call(catalogueApi.activateProcessRules, { version });
export const tryProcessTable = (api: ApiClient, input: TryCase) =>
  api.call(catalogueApi.tryProcessRules, input);

export const authorityTables = (api: ApiClient, signal?: AbortSignal) =>
  api.call(catalogueApi.authorityRules, {}, { signal });
export const saveAuthorityTable = (
  api: ApiClient,
  input: InputOf<typeof catalogueApi.saveAuthorityRules>,
  key: string,
) => api.call(catalogueApi.saveAuthorityRules, input, { idempotencyKey: key });
export const activateAuthorityTable = (api: ApiClient, version: number) =>
  api.call(catalogueApi.activateAuthorityRules, { version });
