import { describeError, fieldMessage } from '@zhanye/app-kit/errors';
import type { Locale } from '@zhanye/contracts';
import type { Messages } from './i18n.ts';

export const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

/** One line for the user, whatever failed: the kit's words for the error's code or reason. */
export function errorText(e: unknown, locale: Locale): string {
  return describeError(e, locale).title;
}

/** A server field message (from the contract's zod schema) in the user's language. */
export function fieldText(field: string, message: string, t: Messages, locale: Locale): string {
  // the server says "Invalid UUID" when no customer was picked from the list
  if (field === 'customerId') return t.errors.chooseCustomer;
  return fieldMessage(message, locale);
}
