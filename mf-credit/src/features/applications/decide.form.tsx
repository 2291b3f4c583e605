import { errorText, useShowError } from '@zhanye/app-kit/react';
import { type CreditApplication, isApiError } from '@zhanye/contracts';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useShell } from '../../lib/shell.ts';
import { decideApplication } from './application.resource.ts';

/**
 * Approve or reject a pending application. The server refuses whoever took the application
 * (403, reason SEPARATION_OF_DUTIES); its message is shown in place.
 */
export function DecideForm({
  app,
  onDecided,
}: {
  app: CreditApplication;
  onDecided(a: CreditApplication): void;
}) {
  const { api, t, lang } = useShell();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ comment: string }>();
  const [busy, setBusy] = useState<'approve' | 'reject'>();
  const [refusal, setRefusal] = useState<string>();

  const decide = async (verdict: 'approve' | 'reject') => {
    setBusy(verdict);
    setRefusal(undefined);
    try {
      const decided = await decideApplication(api, app.id, verdict, form.getFieldValue('comment') ?? '');
      message.success(t(verdict === 'approve' ? 'approved' : 'rejected'));
      onDecided(decided);
    } catch (e) {
      if (isApiError(e) && [403, 404, 409].includes(e.status)) setRefusal(errorText(e, lang));
      else showError(e, form);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card title={t('decide')} data-testid="application-decide">
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={refusal}
          data-testid="application-error"
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="comment" label={t('field.comment')}>
          <Input.TextArea
            data-testid="application-comment"
            placeholder={t('comment.placeholder')}
            maxLength={500}
            rows={3}
          />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            data-testid="application-approve"
            loading={busy === 'approve'}
            disabled={busy === 'reject'}
            onClick={() => decide('approve')}
          >
            {t('approve')}
          </Button>
          <Button
            danger
            data-testid="application-reject"
            loading={busy === 'reject'}
            disabled={busy === 'approve'}
            onClick={() => decide('reject')}
          >
            {t('reject')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
