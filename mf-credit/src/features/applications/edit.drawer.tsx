import { LoadError, moneyUnit, useLoad, useShowError } from '@zhanye/app-kit/react';
import { type CreditApplication, isApiError } from '@zhanye/contracts';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { type ApplicationChanges, getProduct, updateApplication } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { versionOf } from './application.actions.tsx';
import { useShell } from './applications.text.ts';
import { moneyRules, noSeparators } from './terms.fields.tsx';

type Changes = Omit<ApplicationChanges, 'id' | 'version'>;

/** 修改草稿: the owner changes a draft's terms within its product version's bounds. */
export function EditDrawer({
  application: a,
  onClose,
  onChanged,
  onStale,
}: {
  application: CreditApplication;
  onClose(): void;
  onChanged(a: CreditApplication): void;
  onStale(): void;
}) {
  const { api, t, lang } = useShell();
  const { message } = App.useApp();
  const reasons = useMemo(() => errorReasons(t), [t]);
  const showError = useShowError(reasons);
  const [form] = Form.useForm<Changes>();
  const [saving, setSaving] = useState(false);
  const product = useLoad(
    (signal) => getProduct(api, a.productId, a.productVersion, signal),
    [api, a.productId, a.productVersion],
  );
  const p = product.data;

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const next = await updateApplication(api, { ...v, id: a.id, version: versionOf(a) });
      message.success(t('edit.saved'));
      onChanged(next);
    } catch (e) {
      showError(e, form);
      if (isApiError(e) && e.status === 409) onStale();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      size={520}
      title={t('edit.title')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="edit-save">
            {t('save')}
          </Button>
        </Space>
      }
    >
      {product.error !== undefined && <LoadError error={product.error} reasons={reasons} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          amount: a.amount,
          termMonths: a.termMonths,
          repaymentMethod: a.repaymentMethod,
          guaranteeType: a.guaranteeType,
          annualIncome: a.annualIncome,
          purpose: a.purpose,
        }}
      >
        <Form.Item
          name="amount"
          label={t('field.amount')}
          normalize={noSeparators}
          rules={moneyRules(t, t('field.amount'), p ? { min: p.minAmount, max: p.maxAmount } : undefined)}
        >
          <Input data-testid="application-amount" inputMode="decimal" suffix={moneyUnit(lang)} />
        </Form.Item>
        <Form.Item
          name="termMonths"
          label={t('field.term')}
          extra={p && t('hint.term', { min: p.minTermMonths, max: p.maxTermMonths })}
          rules={[{ required: true, message: t('rule.required', { field: t('field.term') }) }]}
        >
          <InputNumber
            data-testid="application-term"
            min={p?.minTermMonths ?? 1}
            max={p?.maxTermMonths ?? 360}
            precision={0}
            suffix={t('months.unit')}
            style={{ width: 180 }}
          />
        </Form.Item>
        <Form.Item name="repaymentMethod" label={t('field.repayment')}>
          <Select
            options={(p?.repaymentMethods ?? [a.repaymentMethod]).map((m) => ({
              value: m,
              label: t(`repayment.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="guaranteeType" label={t('field.guarantee')}>
          <Select
            options={(p?.guaranteeTypes ?? [a.guaranteeType]).map((g) => ({
              value: g,
              label: t(`guarantee.${g}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="annualIncome"
          label={t('field.income')}
          normalize={noSeparators}
          rules={moneyRules(t, t('field.income'))}
        >
          <Input data-testid="application-income" inputMode="decimal" suffix={moneyUnit(lang)} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('field.purpose')}
          rules={[{ required: true, message: t('rule.required', { field: t('field.purpose') }) }]}
        >
          <Input.TextArea data-testid="application-purpose" maxLength={200} showCount rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
