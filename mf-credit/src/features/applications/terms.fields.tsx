import { formatAmount, moneyUnit } from '@zhanye/app-kit/react';
import { compareMoney, type Product } from '@zhanye/contracts';
import { Form, Input, InputNumber, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { type AppText, useShell } from './applications.text.ts';

const MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
export const noSeparators = (v?: string) => v?.replace(/[,\s，]/g, '');

/** A money field's rules: required, a decimal with at most 2 places, above 0, within bounds if given. */
export function moneyRules(t: AppText, field: string, bounds?: { min: string; max: string }): Rule[] {
  return [
    { required: true, message: t('rule.required', { field }) },
    {
      validator: async (_: unknown, v?: string) => {
        if (!v) return;
        if (!MONEY.test(v) || !/[1-9]/.test(v)) throw new Error(t('rule.money'));
        if (bounds && (compareMoney(v, bounds.min) < 0 || compareMoney(v, bounds.max) > 0))
          throw new Error(t('rule.range', { min: formatAmount(bounds.min), max: formatAmount(bounds.max) }));
      },
    },
  ];
}

/**
 * One product's terms (product, amount, term, repayment, guarantee) under `path` in the form,
 * constrained by the chosen product: its bounds are the hints and the checks, its repayment methods
 * and guarantee types the only choices. `n` numbers the test ids of the second product on.
 */
export function TermsFields({
  path,
  list,
  products,
  n = 0,
}: {
  /** The fields' name prefix as Form.Item sees it (inside a Form.List: relative to the list). */
  path: (string | number)[];
  /** The Form.List's name, when inside one (watching and setting values need the full path). */
  list?: string;
  products: Product[];
  n?: number;
}) {
  const { t, lang } = useShell();
  const form = Form.useFormInstance();
  const full = (field: string) => [...(list ? [list] : []), ...path, field];
  const productId = Form.useWatch(full('productId'), form) as string | undefined;
  const product = products.find((p) => p.id === productId);
  const tid = (name: string) => `application-${name}${n ? `-${n}` : ''}`;
  const name = (field: string) => [...path, field];

  return (
    <>
      <Form.Item
        name={name('productId')}
        label={t('field.product')}
        rules={[{ required: true, message: t('rule.required', { field: t('field.product') }) }]}
        extra={product?.description || undefined}
      >
        <Select
          data-testid={tid('product')}
          placeholder={t('field.product')}
          notFoundContent={t('wizard.noProducts')}
          options={products.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(id: string) => {
            const p = products.find((x) => x.id === id);
            if (!p) return;
            const pick = <T,>(current: T | undefined, allowed: readonly T[]) =>
              current !== undefined && allowed.includes(current) ? current : allowed[0];
            form.setFieldValue(
              full('repaymentMethod'),
              pick(form.getFieldValue(full('repaymentMethod')), p.repaymentMethods),
            );
            form.setFieldValue(
              full('guaranteeType'),
              pick(form.getFieldValue(full('guaranteeType')), p.guaranteeTypes),
            );
          }}
        />
      </Form.Item>
      <Form.Item
        name={name('amount')}
        label={t('field.amount')}
        normalize={noSeparators}
        rules={moneyRules(
          t,
          t('field.amount'),
          product ? { min: product.minAmount, max: product.maxAmount } : undefined,
        )}
        extra={
          product &&
          t('hint.amount', { min: formatAmount(product.minAmount), max: formatAmount(product.maxAmount) })
        }
      >
        <Input data-testid={tid('amount')} inputMode="decimal" suffix={moneyUnit(lang)} />
      </Form.Item>
      <Form.Item
        name={name('termMonths')}
        label={t('field.term')}
        rules={[
          { required: true, message: t('rule.required', { field: t('field.term') }) },
          ...(product
            ? [
                {
                  type: 'number' as const,
                  min: product.minTermMonths,
                  max: product.maxTermMonths,
                  message: t('rule.range', { min: product.minTermMonths, max: product.maxTermMonths }),
                },
              ]
            : []),
        ]}
        extra={product && t('hint.term', { min: product.minTermMonths, max: product.maxTermMonths })}
      >
        <InputNumber
          data-testid={tid('term')}
          min={1}
          max={360}
          precision={0}
          suffix={t('months.unit')}
          style={{ width: 180 }}
        />
      </Form.Item>
      <Form.Item
        name={name('repaymentMethod')}
        label={t('field.repayment')}
        rules={[{ required: true, message: t('rule.required', { field: t('field.repayment') }) }]}
      >
        <Select
          data-testid={tid('repayment')}
          options={(product?.repaymentMethods ?? []).map((m) => ({ value: m, label: t(`repayment.${m}`) }))}
        />
      </Form.Item>
      <Form.Item
        name={name('guaranteeType')}
        label={t('field.guarantee')}
        rules={[{ required: true, message: t('rule.required', { field: t('field.guarantee') }) }]}
      >
        <Select
          data-testid={tid('guarantee')}
          options={(product?.guaranteeTypes ?? []).map((g) => ({ value: g, label: t(`guarantee.${g}`) }))}
        />
      </Form.Item>
    </>
  );
}
