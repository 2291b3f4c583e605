import { isApiError, type Locale } from '@zhanye/contracts';
import { Alert, App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { kitText } from './i18n.ts';
import { useMount } from './mount.tsx';

export function errorText(e: unknown, lang: Locale): string {
  const t = kitText(lang);
  if (!isApiError(e)) return t('error.unexpected');
  if (e.status === 0 || e.status >= 500) return `${t('error.unavailable')} (${e.message})`;
  return e.message;
}

/** Shows a failed call: 400 field messages onto the form's fields, the rest as a message. */
export function useShowError() {
  const { message } = App.useApp();
  const { lang } = useMount();
  return useCallback(
    (e: unknown, form?: FormInstance) => {
      if (form && isApiError(e) && e.status === 400) {
        const known = new Set(Object.keys(form.getFieldsValue()));
        const fields = Object.entries(e.fields);
        form.setFields(fields.filter(([k]) => known.has(k)).map(([name, errors]) => ({ name, errors })));
        if (fields.length > 0 && fields.every(([k]) => known.has(k))) return;
      }
      message.error(errorText(e, lang));
    },
    [message, lang],
  );
}

/** A failed load, with the server's message. */
export function LoadError({ error }: { error: unknown }) {
  const { lang } = useMount();
  return <Alert type="error" showIcon title={errorText(error, lang)} data-testid="load-error" />;
}
