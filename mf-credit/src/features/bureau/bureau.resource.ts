import { type ApiClient, bureauApi, creditApi, type InputOf } from '@zhanye/contracts';

export type NewAuthorization = InputOf<typeof bureauApi.createAuthorization>;
export type NewAttachment = InputOf<typeof creditApi.addAttachment>;

export const listAuthorizations = (api: ApiClient, customerId: string, signal?: AbortSignal) =>
  api.call(bureauApi.listAuthorizations, { customerId }, { signal });
export const createAuthorization = (api: ApiClient, input: NewAuthorization, key: string) =>
  api.call(bureauApi.createAuthorization, input, { idempotencyKey: key });
export const revokeAuthorization = (api: ApiClient, id: string, reason: string, key: string) =>
  api.call(bureauApi.revokeAuthorization, { id, reason }, { idempotencyKey: key });
export const queryReport = (api: ApiClient, applicationId: string, key: string) =>
  api.call(bureauApi.queryReport, { id: applicationId }, { idempotencyKey: key });
export const getReport = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(bureauApi.getReport, { id }, { signal });
export const listQueries = (api: ApiClient, customerId: string, signal?: AbortSignal) =>
  api.call(bureauApi.listQueries, { customerId }, { signal });
export const listAttachments = (api: ApiClient, applicationId: string, signal?: AbortSignal) =>
  api.call(creditApi.listAttachments, { id: applicationId }, { signal });
export const addAttachment = (api: ApiClient, input: NewAttachment, key: string) =>
  api.call(creditApi.addAttachment, input, { idempotencyKey: key });
export const getAttachment = (api: ApiClient, id: string) => api.call(creditApi.getAttachment, { id });

/** What the server keeps (decoded bytes) and the types it takes. */
export const MAX_FILE_BYTES = 512 * 1024;
export const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** A picked file as the API takes it (base64 in the body), or why it cannot be sent. */
export async function readUpload(
  file: File,
): Promise<{ filename: string; mime: FileType; base64: string } | 'tooLarge' | 'badType'> {
  const mime = FILE_TYPES.find((m) => m === file.type);
  if (!mime) return 'badType';
  if (file.size > MAX_FILE_BYTES) return 'tooLarge';
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name.slice(0, 128), mime, base64: btoa(binary) };
}

/** Saves a downloaded file (base64) under its name. */
export function saveDownload(file: { filename: string; mime: string; base64: string }) {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `1536` -> `1.5 KB`. */
export const formatSize = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
