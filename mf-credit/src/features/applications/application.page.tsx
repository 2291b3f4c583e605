import {
  formatMoney,
  formatTime,
  Link,
  LoadError,
  useConfirm,
  useLoad,
  useShowError,
} from '@zhanye/app-kit/react';
import { type CreditApplication, Permissions } from '@zhanye/contracts';
import { App, Button, Card, Descriptions, Flex, Space } from 'antd';
import { useState } from 'react';
import { useShell } from '../../lib/i18n.ts';
import { getApplication, submitApplication } from './application.resource.ts';
import { DecideForm } from './decide.form.tsx';
import { PrescreenPanel } from './prescreen.panel.tsx';
import { StatusTag } from './status.tag.tsx';

/** One application: its facts, submit (drafts), the pre-screen result, and approval (pending ones). */
export function ApplicationPage({ id }: { id: string }) {
  const { api, can, bus, basePath, t, lang } = useShell();
  const { message } = App.useApp();
  const showError = useShowError();
  const confirm = useConfirm();
  const loaded = useLoad((signal) => getApplication(api, id, signal), [api, id]);
  const [submitting, setSubmitting] = useState(false);
  const a = loaded.data;

  const submit = async (draft: CreditApplication) => {
    const sure = await confirm({
      title: t('submit.confirm', { customer: draft.customerName }),
      content: t('submit.what'),
      okText: t('submit'),
      cancelText: t('cancel'),
    });
    if (!sure) return;
    setSubmitting(true);
    try {
      const submitted = await submitApplication(api, draft.id);
      loaded.setData(submitted);
      bus.emit('credit.application.submitted', {
        applicationId: submitted.id,
        customerId: submitted.customerId,
      });
      const outcome = submitted.prescreenOutcome;
      if (outcome) message.info(t('submitted', { outcome: t(`outcome.${outcome}`) }));
    } catch (e) {
      showError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const yuan = (v: string) => formatMoney(v, lang);
  // the pre-screen's outcome, and a link to its decision record for those who may read it
  const decision = a?.prescreenOutcome && (
    <Space size={12}>
      {t(`outcome.${a.prescreenOutcome}`)}
      {a.decisionId && can(Permissions.decisionRead) && (
        <Link to={`/risk/decisions/${a.decisionId}`} data-testid="application-decision">
          {t('decision.open')}
        </Link>
      )}
    </Space>
  );

  return (
    <div data-testid="application-detail">
      <Link to={basePath}>← {t('back')}</Link>
      {loaded.error !== undefined ? (
        <LoadError error={loaded.error} reasons={{ NOT_FOUND: t('application.notFound') }} />
      ) : (
        <Card
          loading={!a}
          style={{ marginBlock: 12 }}
          title={a && `${a.customerName} · ${t.opt(`product.${a.productCode}`) ?? t('field.product')}`}
          extra={
            a && (
              <Flex gap={8} align="center">
                <StatusTag status={a.status} />
                {a.status === 'draft' && can(Permissions.applicationSubmit) && (
                  <Button
                    type="primary"
                    data-testid="application-submit"
                    loading={submitting}
                    onClick={() => void submit(a)}
                  >
                    {t('submit')}
                  </Button>
                )}
              </Flex>
            )
          }
        >
          {a && (
            <Descriptions
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                {
                  key: 'customer',
                  label: t('field.customer'),
                  children: can(Permissions.customerRead) ? (
                    <Link to={`/customer/${a.customerId}`}>{a.customerName}</Link>
                  ) : (
                    a.customerName
                  ),
                },
                { key: 'amount', label: t('field.amount'), children: yuan(a.amount) },
                { key: 'term', label: t('field.term'), children: t('months', { n: a.termMonths }) },
                { key: 'income', label: t('field.income'), children: yuan(a.annualIncome) },
                { key: 'purpose', label: t('field.purpose'), children: a.purpose },
                { key: 'createdBy', label: t('field.createdBy'), children: a.createdByName },
                { key: 'createdAt', label: t('field.createdAt'), children: formatTime(a.createdAt, lang) },
                ...(decision ? [{ key: 'decision', label: t('field.decision'), children: decision }] : []),
                ...(a.decidedByName
                  ? [
                      { key: 'decidedBy', label: t('field.decidedBy'), children: a.decidedByName },
                      { key: 'comment', label: t('field.comment'), children: a.decisionComment || '—' },
                    ]
                  : []),
              ]}
            />
          )}
        </Card>
      )}
      <Flex vertical gap={12}>
        {a?.prescreenOutcome && <PrescreenPanel outcome={a.prescreenOutcome} reasons={a.prescreenReasons} />}
        {a?.status === 'pending_approval' && can(Permissions.applicationApprove) && (
          <DecideForm app={a} onDecided={loaded.setData} />
        )}
      </Flex>
    </div>
  );
}
