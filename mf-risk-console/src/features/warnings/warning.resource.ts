import { type ApiClient, type InputOf, type OutputOf, warningApi } from '@zhanye/contracts';

export type WarningFilter = InputOf<typeof warningApi.listWarnings>;
export type WarningItem = OutputOf<typeof warningApi.listWarnings>['items'][number];
export type WarningDetail = OutputOf<typeof warningApi.getWarning>;
export type WarningRule = OutputOf<typeof warningApi.createWarningRule>;
export type WarningRuleInput = InputOf<typeof warningApi.createWarningRule>;

export const listWarnings = (api: ApiClient, filter: WarningFilter, signal?: AbortSignal) =>
  api.call(warningApi.listWarnings, filter, { signal });
export const getWarning = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(warningApi.getWarning, { id }, { signal });
export const acknowledgeWarning = (api: ApiClient, id: string, version: number) =>
  api.call(warningApi.acknowledgeWarning, { id, version });
export const handleWarning = (api: ApiClient, id: string, version: number, note: string) =>
  api.call(warningApi.handleWarning, { id, version, note });
export const closeWarning = (api: ApiClient, id: string, version: number, note?: string) =>
  api.call(warningApi.closeWarning, { id, version, ...(note ? { note } : {}) });
export const listRules = (api: ApiClient, signal?: AbortSignal) =>
  api.call(warningApi.listWarningRules, {}, { signal });
export const createRule = (api: ApiClient, rule: WarningRuleInput) =>
  api.call(warningApi.createWarningRule, rule);
export const updateRule = (api: ApiClient, id: string, version: number, rule: WarningRuleInput) =>
  api.call(warningApi.updateWarningRule, { ...rule, id, version });
export const deleteRule = (api: ApiClient, id: string) => api.call(warningApi.deleteWarningRule, { id });
