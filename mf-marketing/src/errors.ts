import type { Messages } from './i18n.ts';

/** The shell's `ApiError`, recognised by shape: it is another bundle's class, so `instanceof` cannot work. */
export interface ApiErrorLike {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string[]>;
}

export function asApiError(e: unknown): ApiErrorLike | null {
  if (typeof e !== 'object' || e === null) return null;
  const o = e as Partial<ApiErrorLike> & { name?: string };
  if (o.name !== 'ApiError' || typeof o.status !== 'number') return null;
  return {
    status: o.status,
    code: String(o.code ?? ''),
    message: String(o.message ?? ''),
    fields: o.fields ?? {},
  };
}

export const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

/** One line for the user, whatever failed. */
export function errorText(e: unknown, t: Messages): string {
  const err = asApiError(e);
  if (!err) return t.errors.generic;
  if (err.status === 0) return t.errors.network;
  if (err.status === 403) return t.errors.forbidden;
  if (err.status >= 500) return t.errors.unavailable;
  return err.message || t.errors.generic;
}

/** A server field message (from the contract's zod schema) in the user's language. */
export function fieldText(field: string, message: string, t: Messages): string {
  if (field === 'customerId') return t.errors.chooseCustomer;
  if (message === 'required') return t.errors.required;
  if (message === 'must be greater than 0') return t.errors.amountPositive;
  if (message.startsWith('must be an amount')) return t.errors.amountFormat;
  if (/too big/i.test(message)) return t.errors.tooLong;
  return message;
}
