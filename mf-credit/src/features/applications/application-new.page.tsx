import { customerById } from '@zhanye/app-kit/customer-search';
import {
  CustomerPicker,
  formatMoney,
  LoadError,
  moneyUnit,
  useLoad,
  useShowError,
} from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import type { GuaranteeType, RepaymentMethod } from '@zhanye/contracts';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Divider,
  Flex,
  Form,
  Input,
  Space,
  Steps,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { createApplication, createApplications, leadPrefill, listProducts } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { useShell } from './applications.text.ts';
import { AuthorizationSlot } from './bureau.slots.tsx';
import { moneyRules, noSeparators, TermsFields } from './terms.fields.tsx';

interface Item {
  productId?: string;
  amount?: string;
  termMonths?: number;
  repaymentMethod?: RepaymentMethod;
  guaranteeType?: GuaranteeType;
}
interface Wizard {
  customerId?: string;
  items: Item[];
  annualIncome?: string;
  purpose?: string;
}

const STEPS = ['wizard.customer', 'wizard.authorization', 'wizard.products', 'wizard.confirm'] as const;
const MAX_ITEMS = 5;

/**
 * 新建申请: a wizard (customer, bureau authorisation, one or several products with their terms,
 * confirm) that saves one draft, or a group of drafts (一键多申) for the customer. `?leadId=` takes
 * the customer and wishes from a marketing lead; `?customerId=` preselects the customer.
 */
export function ApplicationNewPage() {
  const { api, t, lang } = useShell();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const leadId = params.get('leadId') ?? undefined;
  const reasons = useMemo(() => ({ ...errorReasons(t), NOT_FOUND: t('customer.notFound') }), [t]);
  const showError = useShowError(reasons);
  const [form] = Form.useForm<Wizard>();
  const [key] = useState(() => new SubmitKey());
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const products = useLoad((signal) => listProducts(api, signal), [api]);
  const lead = useLoad(
    (signal) => (leadId ? leadPrefill(api, leadId, signal) : Promise.resolve(null)),
    [api, leadId],
  );
  const customerId = Form.useWatch('customerId', form) as string | undefined;
  const customer = useLoad(
    (signal) => (customerId ? customerById(api, customerId, signal) : Promise.resolve(undefined)),
    [api, customerId],
  );
  const items = (Form.useWatch('items', form) ?? []) as Item[];
  const productList = products.data?.items ?? [];

  useEffect(() => {
    const l = lead.data;
    if (!l) return;
    form.setFieldsValue({
      customerId: l.customerId,
      items: [{ ...form.getFieldValue(['items', 0]), productId: l.productId ?? undefined, amount: l.amount }],
    });
  }, [form, lead.data]);

  useEffect(() => {
    // the lead's product: its repayment and guarantee defaults once the catalogue is in
    const l = lead.data;
    const p = productList.find((x) => x.id === l?.productId);
    if (!p) return;
    const item = form.getFieldValue(['items', 0]) as Item | undefined;
    form.setFieldValue(['items', 0], {
      ...item,
      repaymentMethod: item?.repaymentMethod ?? p.repaymentMethods[0],
      guaranteeType: item?.guaranteeType ?? p.guaranteeTypes[0],
    });
  }, [form, lead.data, productList]);

  const fieldsOf = (s: number) =>
    s === 0 ? (['customerId'] as const) : s === 2 ? (['items', 'annualIncome', 'purpose'] as const) : [];

  const next = async () => {
    const names = fieldsOf(step);
    const ok = names.length
      ? await form.validateFields([...names], { recursive: true }).then(
          () => true,
          () => false,
        )
      : true;
    if (ok) setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };

  const save = async () => {
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    );
    const v = form.getFieldsValue(true) as Wizard;
    if (!ok || !v.customerId || !v.annualIncome || !v.purpose || !v.items.length) {
      setStep(v.customerId ? 2 : 0);
      return;
    }
    setSaving(true);
    try {
      const terms = v.items.map((i) => ({
        productId: i.productId!,
        amount: i.amount!,
        termMonths: i.termMonths!,
        repaymentMethod: i.repaymentMethod!,
        guaranteeType: i.guaranteeType!,
      }));
      const common = { customerId: v.customerId, annualIncome: v.annualIncome, purpose: v.purpose };
      const lead = leadId ? { leadId } : {};
      if (terms.length === 1) {
        const created = await createApplication(api, { ...common, ...lead, ...terms[0]! }, key.current);
        key.settle();
        navigate(`/${created.id}`);
      } else {
        await createApplications(api, { ...common, ...lead, items: terms }, key.current);
        key.settle();
        navigate(`/?customerId=${encodeURIComponent(v.customerId)}`);
      }
    } catch (e) {
      key.settle(e);
      showError(e, form);
      setSaving(false);
    }
  };

  const productName = (id?: string) => productList.find((p) => p.id === id)?.name ?? '—';

  return (
    <Card
      title={t('application.new')}
      extra={<Link to="/">{t('detail.back')}</Link>}
      data-testid="application-wizard"
    >
      <Steps
        current={step}
        items={STEPS.map((s) => ({ title: t(s) }))}
        style={{ marginBottom: 24 }}
        size="small"
      />
      {lead.error !== undefined && <LoadError error={lead.error} reasons={reasons} />}
      {products.error !== undefined && <LoadError error={products.error} reasons={reasons} />}
      {lead.data && (
        <Alert
          type="success"
          showIcon
          data-testid="application-from-lead"
          title={t('wizard.fromLead')}
          description={
            <>
              {lead.data.customerName} · {lead.data.productName} · {formatMoney(lead.data.amount, lang)}
              {lead.data.note && <div>{t('wizard.leadNote', { note: lead.data.note })}</div>}
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ customerId: params.get('customerId') ?? undefined, items: [{ termMonths: 12 }] }}
      >
        <div hidden={step !== 0}>
          <Form.Item
            name="customerId"
            label={t('field.customer')}
            rules={[{ required: true, message: t('rule.required', { field: t('field.customer') }) }]}
          >
            <CustomerPicker
              data-testid="application-customer"
              placeholder={t('customer.search')}
              notFound={t('customer.none')}
            />
          </Form.Item>
        </div>
        <div hidden={step !== 1}>
          {customerId && step >= 1 && (
            <AuthorizationSlot customerId={customerId} customerName={customer.data?.name ?? ''} />
          )}
        </div>
        <div hidden={step !== 2}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key} data-testid="application-item">
                    {fields.length > 1 && (
                      <Divider titlePlacement="start">
                        <Space>
                          {t('wizard.productN', { n: i + 1 })}
                          <Button size="small" type="link" danger onClick={() => remove(field.name)}>
                            {t('wizard.removeProduct')}
                          </Button>
                        </Space>
                      </Divider>
                    )}
                    <TermsFields path={[field.name]} list="items" products={productList} n={i} />
                  </div>
                ))}
                {fields.length < MAX_ITEMS && (
                  <Button
                    type="dashed"
                    block
                    data-testid="application-add-product"
                    onClick={() => add({ termMonths: 12 })}
                    style={{ marginBottom: 24 }}
                  >
                    {t('wizard.addProduct')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
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
        </div>
        {step === 3 && (
          <div data-testid="application-confirm">
            <Typography.Paragraph type="secondary">{t('wizard.confirmHint')}</Typography.Paragraph>
            {items.map((i, n) => (
              <Descriptions
                // biome-ignore lint/suspicious/noArrayIndexKey: the list's order is its identity here.
                key={n}
                size="small"
                bordered
                column={1}
                style={{ marginBottom: 12 }}
                title={items.length > 1 ? t('wizard.productN', { n: n + 1 }) : undefined}
                items={[
                  { key: 'product', label: t('field.product'), children: productName(i.productId) },
                  {
                    key: 'amount',
                    label: t('field.amount'),
                    children: i.amount ? formatMoney(i.amount, lang) : '—',
                  },
                  {
                    key: 'term',
                    label: t('field.term'),
                    children: i.termMonths ? t('months', { n: i.termMonths }) : '—',
                  },
                  {
                    key: 'repayment',
                    label: t('field.repayment'),
                    children: i.repaymentMethod ? t(`repayment.${i.repaymentMethod}`) : '—',
                  },
                  {
                    key: 'guarantee',
                    label: t('field.guarantee'),
                    children: i.guaranteeType ? t(`guarantee.${i.guaranteeType}`) : '—',
                  },
                ]}
              />
            ))}
            <Descriptions
              size="small"
              bordered
              column={1}
              items={[
                {
                  key: 'income',
                  label: t('field.income'),
                  children: form.getFieldValue('annualIncome')
                    ? formatMoney(form.getFieldValue('annualIncome') as string, lang)
                    : '—',
                },
                {
                  key: 'purpose',
                  label: t('field.purpose'),
                  children: form.getFieldValue('purpose') as string,
                },
              ]}
            />
          </div>
        )}
      </Form>
      <Flex gap={8} style={{ marginTop: 24 }}>
        {step > 0 && (
          <Button data-testid="wizard-prev" onClick={() => setStep((s) => s - 1)}>
            {t('wizard.prev')}
          </Button>
        )}
        {step < STEPS.length - 1 ? (
          <Button type="primary" data-testid="wizard-next" onClick={next}>
            {t('wizard.next')}
          </Button>
        ) : (
          <Button type="primary" data-testid="application-save" loading={saving} onClick={save}>
            {t('wizard.save')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
