import { formatMoney } from '@zhanye/app-kit/react';
import type { CreditApplication } from '@zhanye/contracts';
import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { COMMENT_REQUIRED, DANGEROUS, type StepAction } from '../../lib/credit.api.ts';
import { useShell } from './applications.text.ts';

/**
 * Confirms a binding step and takes its comment: required for admit, refuse, return to lead,
 * return, reject and withdraw; optional otherwise. Test ids: `action-comment`, `confirm-ok`,
 * `confirm-cancel`. Resolves through `onConfirm` (which may throw to keep the dialog open).
 */
export function StepModal({
  action,
  application: a,
  onConfirm,
  onCancel,
}: {
  action: StepAction;
  application: CreditApplication;
  onConfirm(comment: string): Promise<void>;
  onCancel(): void;
}) {
  const { t, lang } = useShell();
  const [form] = Form.useForm<{ comment: string }>();
  const [busy, setBusy] = useState(false);
  const required = COMMENT_REQUIRED.has(action);
  const actionWords = t(`action.${action}`);

  const ok = async () => {
    const v = action === 'submit' ? { comment: '' } : await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await onConfirm((v.comment ?? '').trim());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('confirm.title', { action: actionWords, customer: a.customerName })}
      okText={actionWords}
      cancelText={t('cancel')}
      onOk={ok}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ danger: DANGEROUS.has(action), ...({ 'data-testid': 'confirm-ok' } as object) }}
      cancelButtonProps={{ ...({ 'data-testid': 'confirm-cancel' } as object) }}
      data-testid="step-modal"
    >
      <Typography.Paragraph>
        {t(`confirm.${action}`, {
          amount: formatMoney(a.amount, lang),
          term: t('months', { n: a.termMonths }),
          product: a.productName,
        })}
      </Typography.Paragraph>
      {action !== 'submit' && (
        <Form form={form} layout="vertical">
          <Form.Item
            name="comment"
            label={required ? t('comment.label') : t('comment.optional')}
            rules={required ? [{ required: true, whitespace: true, message: t('comment.required') }] : []}
          >
            <Input.TextArea data-testid="action-comment" rows={3} maxLength={500} showCount autoFocus />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
