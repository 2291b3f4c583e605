import { CustomerPicker, moneyUnit, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import type { CreditApplication, Product } from '@zhanye/contracts';
import { Alert, App, Button, Drawer, Form, Input, Space } from 'antd';
import { useMemo, useState } from 'react';
import { createSupplement, type NewSupplement } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { useShell } from './applications.text.ts';
import { moneyRules, noSeparators, TermsFields } from './terms.fields.tsx';

/** 授信补录: a credit granted offline, entered with its reason (a draft, approved at head office). */
export function SupplementDrawer({
  products,
  onClose,
  onCreated,
}: {
  products: Product[];
  onClose(): void;
  onCreated(a: CreditApplication): void;
}) {
  const { api, t, lang } = useShell();
  const { message } = App.useApp();
  const reasons = useMemo(() => ({ ...errorReasons(t), NOT_FOUND: t('customer.notFound') }), [t]);
  const showError = useShowError(reasons);
  const [form] = Form.useForm<NewSupplement>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const required = (field: string) => [{ required: true, message: t('rule.required', { field }) }];

  const save = async () => {
    const input = await form.validateFields().catch(() => null);
    if (!input) return;
    setSaving(true);
    try {
      const created = await createSupplement(api, input, key.current);
      key.settle();
      message.success(t('supplement.saved'));
      onCreated(created);
    } catch (e) {
      key.settle(e);
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      size={560}
      title={t('supplement.title')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="supplement-save">
            {t('save')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('supplement.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" data-testid="supplement-form">
        <Form.Item name="customerId" label={t('field.customer')} rules={required(t('field.customer'))}>
          <CustomerPicker
            data-testid="supplement-customer"
            placeholder={t('customer.search')}
            notFound={t('customer.none')}
          />
        </Form.Item>
        <TermsFields path={[]} products={products} n={0} />
        <Form.Item
          name="annualIncome"
          label={t('field.income')}
          normalize={noSeparators}
          rules={moneyRules(t, t('field.income'))}
        >
          <Input data-testid="supplement-income" inputMode="decimal" suffix={moneyUnit(lang)} />
        </Form.Item>
        <Form.Item name="purpose" label={t('field.purpose')} rules={required(t('field.purpose'))}>
          <Input data-testid="supplement-purpose" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="ratePct"
          label={t('field.ratePct')}
          rules={[
            ...required(t('field.ratePct')),
            { pattern: /^\d{1,2}(\.\d{1,4})?$/, message: t('rule.rate') },
          ]}
        >
          <Input data-testid="supplement-rate" inputMode="decimal" suffix="%" />
        </Form.Item>
        <Form.Item name="offlineRef" label={t('field.offlineRef')} rules={required(t('field.offlineRef'))}>
          <Input data-testid="supplement-offline-ref" maxLength={64} />
        </Form.Item>
        <Form.Item name="grantedOn" label={t('field.grantedOn')} rules={required(t('field.grantedOn'))}>
          <Input data-testid="supplement-granted-on" type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('field.reason')} rules={required(t('field.reason'))}>
          <Input.TextArea data-testid="supplement-reason" maxLength={500} showCount rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
