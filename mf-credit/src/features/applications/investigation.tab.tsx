import { formatMoney, formatTime, LoadError, moneyUnit, useLoad, useShowError } from '@zhanye/app-kit/react';
import { type CreditApplication, type FormField, isApiError } from '@zhanye/contracts';
import { App, Button, Card, Descriptions, Empty, Form, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { getProduct, listColleagues, saveInvestigation } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { versionOf } from './application.actions.tsx';
import { useShell } from './applications.text.ts';
import { AttachmentsSlot } from './bureau.slots.tsx';

const SECTIONS = ['income', 'assets', 'liabilities', 'household', 'business', 'other'] as const;

/** One form field's control; `value` and `onChange` come from its Form.Item. */
function FieldInput({
  field,
  ...control
}: {
  field: FormField;
  value?: string;
  onChange?: (value: unknown) => void;
}) {
  const { lang } = useShell();
  const testId = `investigation-${field.key}`;
  switch (field.type) {
    case 'money':
      return <Input {...control} data-testid={testId} inputMode="decimal" suffix={moneyUnit(lang)} />;
    case 'number':
      return <Input {...control} data-testid={testId} inputMode="numeric" />;
    case 'textarea':
      return <Input.TextArea {...control} data-testid={testId} rows={3} maxLength={2000} />;
    case 'select':
      return (
        <Select
          {...control}
          data-testid={testId}
          allowClear
          options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] }))}
        />
      );
    case 'date':
      return <Input {...control} data-testid={testId} type="date" />;
    default:
      return <Input {...control} data-testid={testId} maxLength={2000} />;
  }
}

/** A saved answer in words: a select's label, money formatted. */
function shown(field: FormField, value: string | undefined, lang: 'zh-CN' | 'en-US'): string {
  if (!value) return '—';
  if (field.type === 'money' && /^\d+(\.\d+)?$/.test(value)) return formatMoney(value, lang);
  if (field.type === 'select') return field.options?.find((o) => o.value === value)?.label[lang] ?? '—';
  return value;
}

/**
 * 授信调查: the product's investigation form (by section and field type), the lead and the assistant.
 * Editable while the caller may `investigate` (the lead investigator); read-only otherwise.
 */
export function InvestigationTab({
  application: a,
  onChanged,
  onStale,
}: {
  application: CreditApplication;
  onChanged(a: CreditApplication): void;
  onStale(): void;
}) {
  const { api, t, lang } = useShell();
  const { message } = App.useApp();
  const reasons = useMemo(() => errorReasons(t), [t]);
  const showError = useShowError(reasons);
  const editable = a.actions.includes('investigate');
  const product = useLoad(
    (signal) => getProduct(api, a.productId, a.productVersion, signal),
    [api, a.productId, a.productVersion],
  );
  const colleagues = useLoad(
    (signal) => (editable ? listColleagues(api, signal) : Promise.resolve({ items: [] })),
    [api, editable],
  );
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [saving, setSaving] = useState(false);
  const inv = a.investigation;
  const fields = product.data?.investigationForm ?? [];

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { assistantId, ...answers } = values;
    const report: Record<string, string> = {};
    for (const [k, v] of Object.entries(answers)) if (v !== undefined && v !== '') report[k] = String(v);
    setSaving(true);
    try {
      const next = await saveInvestigation(api, {
        id: a.id,
        version: versionOf(a),
        assistantId: assistantId || null,
        form: report,
      });
      message.success(t('investigation.saved'));
      onChanged(next);
    } catch (e) {
      showError(e, form);
      if (isApiError(e) && e.status === 409) onStale();
    } finally {
      setSaving(false);
    }
  };

  const people = (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'lead', label: t('investigation.lead'), children: inv?.leadName ?? '—' },
        { key: 'assistant', label: t('investigation.assistant'), children: inv?.assistantName ?? '—' },
        {
          key: 'submitted',
          label: t('investigation.submittedAt'),
          children: inv?.submittedAt ? formatTime(inv.submittedAt, lang) : '—',
        },
        {
          key: 'confirmed',
          label: t('investigation.confirmedAt'),
          children: inv?.confirmedAt ? formatTime(inv.confirmedAt, lang) : '—',
        },
      ]}
    />
  );

  const sections = SECTIONS.map((s) => ({
    section: s,
    fields: fields.filter((f) => f.section === s),
  })).filter((s) => s.fields.length > 0);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="investigation-tab">
      {product.error !== undefined && <LoadError error={product.error} reasons={reasons} />}
      {!inv && !editable ? (
        <Empty description={t('investigation.none')} />
      ) : (
        <>
          {people}
          {editable ? (
            <Form
              form={form}
              layout="vertical"
              initialValues={{ assistantId: inv?.assistantId ?? undefined, ...(inv?.form ?? {}) }}
              data-testid="investigation-form"
            >
              <Form.Item name="assistantId" label={t('investigation.assistantPick')}>
                <Select
                  data-testid="investigation-assistant"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={colleagues.loading}
                  options={(colleagues.data?.items ?? []).map((c) => ({
                    value: c.userId,
                    label: `${c.displayName} · ${c.orgName}`,
                  }))}
                  style={{ maxWidth: 360 }}
                />
              </Form.Item>
              {sections.map(({ section, fields }) => (
                <Card key={section} size="small" title={t(`section.${section}`)} style={{ marginBottom: 12 }}>
                  {fields.map((f) => (
                    <Form.Item
                      key={f.key}
                      name={f.key}
                      label={f.label[lang]}
                      rules={
                        f.required
                          ? [{ required: true, message: t('rule.required', { field: f.label[lang] }) }]
                          : []
                      }
                    >
                      <FieldInput field={f} />
                    </Form.Item>
                  ))}
                </Card>
              ))}
              {!product.loading && fields.length === 0 && (
                <Typography.Paragraph type="secondary">{t('investigation.empty')}</Typography.Paragraph>
              )}
              <Button type="primary" loading={saving} onClick={save} data-testid="investigation-save">
                {t('investigation.save')}
              </Button>
            </Form>
          ) : (
            sections.map(({ section, fields }) => (
              <Descriptions
                key={section}
                title={t(`section.${section}`)}
                bordered
                size="small"
                column={{ xs: 1, md: 2 }}
                items={fields.map((f) => ({
                  key: f.key,
                  label: f.label[lang],
                  children: shown(f, inv?.form[f.key], lang),
                }))}
              />
            ))
          )}
        </>
      )}
      <Card size="small" title={t('investigation.attachments')}>
        <AttachmentsSlot applicationId={a.id} canUpload={editable} />
      </Card>
    </Space>
  );
}
