import { isApiError, type Locale } from '@zhanye/contracts';
import { Alert, App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { describeError, fieldMessage } from '../errors.ts';
import { useMount } from './mount.tsx';

interface ErrorAlertProps {
  error: unknown;
  locale: Locale;
  /** A page's own words for reasons or codes it knows (see `describeError`). */
  reasons?: Record<string, string>;
  onClose?: () => void;
  'data-testid'?: string;
}

/**
 * The one error display of the React front ends (apps and shell pages): what it means as the title,
 * the server's words as the detail; nothing while there is no error.
 */
export function ErrorAlert({ error, locale, reasons, onClose, 'data-testid': testId }: ErrorAlertProps) {
  if (error === null || error === undefined) return null;
  const { title, detail } = describeError(error, locale, reasons);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={detail}
      closable={onClose ? { onClose } : false}
      data-testid={testId ?? 'load-error'}
      style={{ marginBottom: 16 }}
    />
  );
}

/** A failed load inside an app. */
export function LoadError({ error, reasons }: { error: unknown; reasons?: Record<string, string> }) {
  const { lang } = useMount();
  return <ErrorAlert error={error} locale={lang} {...(reasons ? { reasons } : {})} />;
}

/** Puts a 400's field messages (in the user's words) on the form's fields; true when all found a field. */
export function showFieldErrors(error: unknown, form: FormInstance, locale: Locale): boolean {
  if (!isApiError(error) || error.status !== 400) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  const fields = Object.entries(error.fields).filter(([name]) => known.has(name.split('.')[0]!));
  form.setFields(
    fields.map(([name, messages]) => ({
      name: name.split('.'),
      errors: messages.map((m) => fieldMessage(m, locale)),
    })),
  );
  return fields.length > 0 && fields.length === Object.keys(error.fields).length;
}

/** Shows a failed call inside an app: 400 field messages onto the form's fields, the rest as a message. */
export function useShowError(reasons?: Record<string, string>) {
  const { message } = App.useApp();
  const { lang } = useMount();
  return useCallback(
    (e: unknown, form?: FormInstance) => {
      if (form && showFieldErrors(e, form, lang)) return;
      message.error(describeError(e, lang, reasons).title);
    },
    [message, lang, reasons],
  );
}
