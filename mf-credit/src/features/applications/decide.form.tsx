import { ErrorAlert, formatMoney, useConfirm, useShowError } from '@zhanye/app-kit/react';
import { type CreditApplication, isApiError } from '@zhanye/contracts';
import { App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useShell } from '../../lib/i18n.ts';
import { decideApplication } from './application.resource.ts';

type Verdict = 'approve' | 'reject';

/**
 * Approve or reject a pending application, each after a confirmation saying what will happen.
 * The server refuses whoever took the application (403, reason SEPARATION_OF_DUTIES) and a
 * decision on one no longer pending (409): shown in place, in the user's words.
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
  const confirm = useConfirm();
  const [form] = Form.useForm<{ comment: string }>();
  const [busy, setBusy] = useState<Verdict>();
  const [refusal, setRefusal] = useState<unknown>();

  const decide = async (verdict: Verdict) => {
    const facts = {
      customer: app.customerName,
      amount: formatMoney(app.amount, lang),
      term: t('months', { n: app.termMonths }),
      product: t.opt(`product.${app.productCode}`) ?? t('field.product'),
    };
    const sure = await confirm({
      title: t(`${verdict}.confirm`, facts),
      content: t(`${verdict}.what`, facts),
      okText: t(verdict),
      cancelText: t('cancel'),
      danger: verdict === 'reject',
    });
    if (!sure) return;
    setBusy(verdict);
    setRefusal(undefined);
    try {
      const decided = await decideApplication(api, app.id, verdict, form.getFieldValue('comment') ?? '');
      message.success(t(verdict === 'approve' ? 'approved' : 'rejected'));
      onDecided(decided);
    } catch (e) {
      if (isApiError(e) && [403, 404, 409].includes(e.status)) setRefusal(e);
      else showError(e, form);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card title={t('decide')} data-testid="application-decide">
      <ErrorAlert
        error={refusal}
        locale={lang}
        reasons={{ NOT_FOUND: t('application.notFound') }}
        data-testid="application-error"
      />
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
            onClick={() => void decide('approve')}
          >
            {t('approve')}
          </Button>
          <Button
            danger
            data-testid="application-reject"
            loading={busy === 'reject'}
            disabled={busy === 'approve'}
            onClick={() => void decide('reject')}
          >
            {t('reject')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
