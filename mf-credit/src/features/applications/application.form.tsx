import { CustomerPicker, moneyUnit, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { Button, Form, Input, InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { useShell } from '../../lib/i18n.ts';
import { createApplication, type NewApplication } from './application.resource.ts';

const MONEY = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const PRODUCTS = ['consumer', 'business', 'farmer'] as const;
const noSeparators = (v?: string) => v?.replace(/[,\s，]/g, '');

/** Takes an application as a draft, then opens it. Server field errors land on their fields. */
export function ApplicationForm({ customerId }: { customerId?: string }) {
  const { api, navigate, basePath, t, lang } = useShell();
  const showError = useShowError({ NOT_FOUND: t('customer.notFound') });
  const [form] = Form.useForm<NewApplication>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, message: t('rule.required', { field }) });
  const money = (field: string) => [
    required(field),
    {
      validator: async (_: unknown, v?: string) => {
        if (v && (!MONEY.test(v) || !/[1-9]/.test(v))) throw new Error(t('rule.money'));
      },
    },
  ];

  const save = async (input: NewApplication) => {
    setSaving(true);
    try {
      const created = await createApplication(api, input, key.current);
      key.settle();
      navigate(`${basePath}/${created.id}`);
    } catch (e) {
      key.settle(e);
      showError(e, form);
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 560 }}
      initialValues={{ customerId, productCode: 'consumer', termMonths: 12 }}
      onFinish={save}
    >
      <Form.Item name="customerId" label={t('field.customer')} rules={[required(t('field.customer'))]}>
        <CustomerPicker
          data-testid="application-customer"
          placeholder={t('customer.search')}
          notFound={t('customer.none')}
        />
      </Form.Item>
      <Form.Item name="productCode" label={t('field.product')}>
        <Radio.Group
          data-testid="application-product"
          optionType="button"
          options={PRODUCTS.map((p) => ({ value: p, label: t(`product.${p}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('field.amount')}
        normalize={noSeparators}
        rules={money(t('field.amount'))}
      >
        <Input data-testid="application-amount" inputMode="decimal" suffix={moneyUnit(lang)} />
      </Form.Item>
      <Form.Item name="termMonths" label={t('field.term')} rules={[required(t('field.term'))]}>
        <InputNumber
          data-testid="application-term"
          min={1}
          max={360}
          precision={0}
          suffix={t('months.unit')}
        />
      </Form.Item>
      <Form.Item
        name="annualIncome"
        label={t('field.income')}
        normalize={noSeparators}
        rules={money(t('field.income'))}
      >
        <Input data-testid="application-income" inputMode="decimal" suffix={moneyUnit(lang)} />
      </Form.Item>
      <Form.Item name="purpose" label={t('field.purpose')} rules={[required(t('field.purpose'))]}>
        <Input.TextArea data-testid="application-purpose" maxLength={200} showCount rows={3} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="application-save">
        {t('save')}
      </Button>
    </Form>
  );
}
