import { useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { type FormField, GuaranteeType, LprTenor, ProductKind, RepaymentMethod } from '@zhanye/contracts';
import { App, Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { createProduct, type ProductItem, reviseProduct } from './catalogue.resource.ts';
import { useCatalogueText } from './catalogue.text.ts';

const FIELD_TYPES = ['money', 'number', 'text', 'textarea', 'select', 'date'] as const;
const SECTIONS = ['income', 'assets', 'liabilities', 'household', 'business', 'other'] as const;

/** An investigation-form field as the editor holds it (options as lines `value|中文|English`). */
interface FieldRow {
  key: string;
  zh: string;
  en: string;
  type: FormField['type'];
  section: FormField['section'];
  required: boolean;
  options: string;
}

interface Values {
  code: string;
  name: string;
  kind: ProductItem['kind'];
  guaranteeTypes: ProductItem['guaranteeTypes'];
  minAmount: string;
  maxAmount: string;
  minTermMonths: number;
  maxTermMonths: number;
  repaymentMethods: ProductItem['repaymentMethods'];
  lprTenor: ProductItem['lprTenor'];
  floorBps: number;
  ceilingBps: number;
  description: string;
  fields: FieldRow[];
}

const toRow = (f: FormField): FieldRow => ({
  key: f.key,
  zh: f.label['zh-CN'],
  en: f.label['en-US'],
  type: f.type,
  section: f.section,
  required: f.required,
  options: (f.options ?? []).map((o) => `${o.value}|${o.label['zh-CN']}|${o.label['en-US']}`).join('\n'),
});

const toField = (r: FieldRow): FormField => ({
  key: r.key.trim(),
  label: { 'zh-CN': r.zh.trim(), 'en-US': r.en.trim() },
  type: r.type,
  section: r.section,
  required: r.required,
  ...(r.type === 'select'
    ? {
        options: r.options
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const [value = '', zh = value, en = zh] = l.split('|').map((x) => x.trim());
            return { value, label: { 'zh-CN': zh, 'en-US': en } };
          }),
      }
    : {}),
});

/**
 * A product's terms: new (version 1), or a change of an existing one's (a new version; the server
 * refuses with 409 when someone made a version since this one was opened).
 */
export function ProductForm({
  product,
  onClose,
  onSaved,
}: {
  product: ProductItem | null;
  onClose(): void;
  onSaved(p: ProductItem): void;
}) {
  const { api, t } = useCatalogueText();
  const { message } = App.useApp();
  const showError = useShowError({
    STALE_VERSION: t('product.stale'),
    PRODUCT_RETIRED: t('product.isRetired'),
    DUPLICATE_CODE: t('product.duplicate'),
  });
  const [form] = Form.useForm<Values>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, message: t('rule.required', { field }) });
  const money = { pattern: /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/, message: t('rule.money') };
  const initial: Partial<Values> = product
    ? { ...product, fields: product.investigationForm.map(toRow) }
    : {
        kind: 'consumer',
        guaranteeTypes: ['credit'],
        repaymentMethods: ['equal_installment'],
        lprTenor: '1Y',
        minTermMonths: 6,
        maxTermMonths: 36,
        floorBps: 0,
        ceilingBps: 300,
        description: '',
        fields: [],
      };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const { fields, code, ...terms } = v;
    const body = {
      ...terms,
      description: terms.description ?? '',
      investigationForm: (fields ?? []).map(toField),
    };
    setSaving(true);
    try {
      const saved = product
        ? await reviseProduct(api, { ...body, id: product.id, baseVersion: product.version }, key.current)
        : await createProduct(api, { ...body, code }, key.current);
      key.settle();
      message.success(product ? t('product.revised', { version: saved.version }) : t('product.created'));
      onSaved(saved);
    } catch (e) {
      key.settle(e);
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  const opts = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((v) => ({ value: v, label: t.opt(`${prefix}.${v}`) ?? v }));

  return (
    <Drawer
      open
      size={1120}
      title={product ? `${t('product.revise')} · ${product.name} V${product.version}` : t('product.new')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="product-save">
            {t('save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Space wrap align="start">
          <Form.Item
            name="code"
            label={t('field.code')}
            rules={product ? [] : [required(t('field.code')), { pattern: /^[A-Z][A-Z0-9_]{1,31}$/ }]}
          >
            <Input disabled={!!product} maxLength={32} style={{ width: 220 }} placeholder="FARMER_CREDIT" />
          </Form.Item>
          <Form.Item name="name" label={t('field.name')} rules={[required(t('field.name'))]}>
            <Input maxLength={64} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('field.kind')}>
            <Select options={opts(ProductKind.options, 'kind')} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item
            name="guaranteeTypes"
            label={t('field.guaranteeTypes')}
            rules={[required(t('field.guaranteeTypes'))]}
          >
            <Select
              mode="multiple"
              options={opts(GuaranteeType.options, 'guarantee')}
              style={{ width: 300 }}
            />
          </Form.Item>
          <Form.Item
            name="repaymentMethods"
            label={t('field.repaymentMethods')}
            rules={[required(t('field.repaymentMethods'))]}
          >
            <Select mode="multiple" options={opts(RepaymentMethod.options, 'repay')} style={{ width: 380 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item
            name="minAmount"
            label={t('field.minAmount')}
            rules={[required(t('field.minAmount')), money]}
          >
            <Input suffix="元" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            name="maxAmount"
            label={t('field.maxAmount')}
            rules={[required(t('field.maxAmount')), money]}
          >
            <Input suffix="元" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            name="minTermMonths"
            label={t('field.minTermMonths')}
            rules={[required(t('field.minTermMonths'))]}
          >
            <InputNumber min={1} max={360} precision={0} />
          </Form.Item>
          <Form.Item
            name="maxTermMonths"
            label={t('field.maxTermMonths')}
            rules={[required(t('field.maxTermMonths'))]}
          >
            <InputNumber min={1} max={360} precision={0} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="lprTenor" label={t('field.lprTenor')}>
            <Select options={opts(LprTenor.options, 'tenor')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="floorBps" label={t('field.floorBps')} rules={[required(t('field.floorBps'))]}>
            <InputNumber min={-500} max={2000} precision={0} />
          </Form.Item>
          <Form.Item
            name="ceilingBps"
            label={t('field.ceilingBps')}
            rules={[required(t('field.ceilingBps'))]}
          >
            <InputNumber min={-500} max={2000} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('field.description')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Form.List name="fields">
          {(rows, { add, remove }) => (
            <>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                title={() => t('field.investigationForm')}
                dataSource={rows}
                columns={[
                  {
                    title: t('form.key'),
                    width: 150,
                    render: (_, r) => (
                      <Form.Item name={[r.name, 'key']} noStyle rules={[{ required: true }]}>
                        <Input maxLength={40} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('form.labelZh'),
                    width: 150,
                    render: (_, r) => (
                      <Form.Item name={[r.name, 'zh']} noStyle rules={[{ required: true }]}>
                        <Input maxLength={40} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('form.labelEn'),
                    width: 170,
                    render: (_, r) => (
                      <Form.Item name={[r.name, 'en']} noStyle rules={[{ required: true }]}>
                        <Input maxLength={60} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('form.type'),
                    width: 120,
                    render: (_, r) => (
                      <Form.Item name={[r.name, 'type']} noStyle>
                        <Select options={opts(FIELD_TYPES, 'type')} style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('form.section'),
                    width: 110,
                    render: (_, r) => (
                      <Form.Item name={[r.name, 'section']} noStyle>
                        <Select options={opts(SECTIONS, 'section')} style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('form.required'),
                    width: 56,
                    render: (_, r) => (
                      <Form.Item name={[r.name, 'required']} noStyle valuePropName="checked">
                        <Checkbox />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('form.options'),
                    width: 220,
                    render: (_, r) => (
                      <Form.Item name={[r.name, 'options']} noStyle>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '',
                    render: (_, r) => (
                      <Button type="link" danger onClick={() => remove(r.name)}>
                        {t('rules.remove')}
                      </Button>
                    ),
                  },
                ]}
              />
              <Button
                style={{ marginTop: 8 }}
                onClick={() =>
                  add({
                    key: '',
                    zh: '',
                    en: '',
                    type: 'text',
                    section: 'other',
                    required: false,
                    options: '',
                  })
                }
              >
                {t('form.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
