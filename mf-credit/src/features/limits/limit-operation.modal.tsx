import { formatMoney, moneyUnit, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { compareMoney, PositiveMoney } from '@zhanye/contracts';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useLimitReasons } from './limit.parts.tsx';
import { type Limit, limitOps, listManagers } from './limits.resource.ts';
import { useLimitsText } from './limits.text.ts';

export type LimitOp = 'freeze' | 'unfreeze' | 'cancel' | 'transfer' | 'adjust';

interface Values {
  amount?: string;
  granted?: string;
  toUserId?: string;
  reason: string;
}

/** One operation on a limit: its form in a modal, a confirmation naming what will happen, the call. */
export function LimitOperationModal({
  op,
  limit,
  onClose,
  onDone,
}: {
  op: LimitOp;
  limit: Limit;
  onClose(): void;
  onDone(): void;
}) {
  const { api, t, lang } = useLimitsText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const showError = useShowError(useLimitReasons());
  const [form] = Form.useForm<Values>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const managers = useLoad(
    (signal) => (op === 'transfer' ? listManagers(api, signal) : Promise.resolve({ items: [] })),
    [api, op],
  );
  const required = (field: string) => ({ required: true, message: t('rule.required', { field }) });
  const moneyRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v || PositiveMoney.safeParse(v).success
        ? Promise.resolve()
        : Promise.reject(new Error(t('rule.amount'))),
  };

  const question = (v: Values): { title: string; content: string; danger?: boolean } => {
    const vars = { customer: limit.customerName, kind: t(`kind.${limit.kind}`) };
    switch (op) {
      case 'freeze':
      case 'unfreeze':
        return {
          title: t(`op.${op}.confirm`, { ...vars, amount: formatMoney(v.amount ?? '0', lang) }),
          content: t(`op.${op}.content`),
        };
      case 'cancel':
        return { title: t('op.cancel.confirm', vars), content: t('op.cancel.content'), danger: true };
      case 'transfer': {
        const to = managers.data?.items.find((m) => m.userId === v.toUserId)?.displayName ?? '';
        return { title: t('op.transfer.confirm', { ...vars, to }), content: t('op.transfer.content') };
      }
      case 'adjust': {
        const down = compareMoney(v.granted ?? '0', limit.granted) < 0;
        return {
          title: t('op.adjust.confirm', { ...vars, amount: formatMoney(v.granted ?? '0', lang) }),
          content: t(down ? 'op.adjust.down' : 'op.adjust.up'),
        };
      }
    }
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const q = question(v);
    if (!(await confirm({ ...q, okText: t('confirm'), cancelText: t('cancel') }))) return;
    setSaving(true);
    const base = { id: limit.id, version: limit.version, reason: v.reason };
    try {
      if (op === 'adjust') {
        const adj = await limitOps.adjust(api, { ...base, granted: v.granted ?? '' }, key.current);
        message.success(t(adj.status === 'pending' ? 'op.adjust.pending' : 'op.adjust.applied'));
      } else if (op === 'transfer') {
        await limitOps.transfer(api, { ...base, toUserId: v.toUserId ?? '' }, key.current);
        message.success(t('op.done'));
      } else if (op === 'cancel') {
        await limitOps.cancel(api, base, key.current);
        message.success(t('op.done'));
      } else {
        await limitOps[op](api, { ...base, amount: v.amount ?? '' }, key.current);
        message.success(t('op.done'));
      }
      key.settle();
      onDone();
    } catch (e) {
      key.settle(e);
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  const unit = moneyUnit(lang);
  return (
    <Modal
      open
      title={`${t(`op.${op}`)} · ${limit.customerName}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={t('ok')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: op === 'cancel', ...({ 'data-testid': 'limit-op-save' } as object) }}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        {(op === 'freeze' || op === 'unfreeze') && (
          <Form.Item
            name="amount"
            label={t('field.amount')}
            extra={`${t(op === 'freeze' ? 'field.available' : 'field.frozen')} ${formatMoney(op === 'freeze' ? limit.available : limit.frozen, lang)}`}
            rules={[required(t('field.amount')), moneyRule]}
          >
            <Input data-testid="limit-op-amount" suffix={unit} inputMode="decimal" autoFocus />
          </Form.Item>
        )}
        {op === 'adjust' && (
          <Form.Item
            name="granted"
            label={t('field.newGranted')}
            extra={`${t('field.granted')} ${formatMoney(limit.granted, lang)}`}
            rules={[required(t('field.newGranted')), moneyRule]}
          >
            <Input data-testid="limit-op-granted" suffix={unit} inputMode="decimal" autoFocus />
          </Form.Item>
        )}
        {op === 'transfer' && (
          <Form.Item name="toUserId" label={t('field.toUser')} rules={[required(t('field.toUser'))]}>
            <Select
              data-testid="limit-op-to"
              showSearch
              optionFilterProp="label"
              loading={managers.loading}
              options={(managers.data?.items ?? [])
                .filter((m) => m.userId !== limit.ownerId)
                .map((m) => ({ value: m.userId, label: `${m.displayName}（${m.orgName}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('field.reason')} rules={[required(t('field.reason'))]}>
          <Input.TextArea data-testid="limit-op-reason" maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
