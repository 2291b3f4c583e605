import { CustomerPicker, ErrorAlert, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import {
  AggregateFn,
  type ApiError,
  FEATURE_WINDOWS,
  type FeatureDef,
  type FeatureDraft,
  FeatureSource,
  FeatureType,
  FeatureUnit,
  FilterOp,
  SOURCE_COLUMNS,
} from '@zhanye/contracts';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { formatFeatureValue } from './feature.parts.tsx';
import { createFeature, getFeature, newFeatureVersion, testFeature, today } from './features.resource.ts';
import { useFeaturesText } from './features.text.ts';

interface FormValues {
  name: string;
  titleZh: string;
  titleEn: string;
  kind: 'aggregate' | 'expression';
  type: FeatureDef['type'];
  unit: FeatureDef['unit'];
  window: number | 'all';
  source?: FeatureSource;
  fn?: AggregateFn;
  column?: string;
  filter?: { column: string; op: (typeof FilterOp.options)[number]; value: string | number }[];
  expression?: string;
  description: string;
  status: 'active' | 'draft';
}

const fromDef = (d: FeatureDef): FormValues => ({
  name: d.name,
  titleZh: d.titleZh,
  titleEn: d.titleEn,
  kind: d.kind,
  type: d.type,
  unit: d.unit,
  window: d.windowDays ?? 'all',
  ...(d.aggregate
    ? {
        source: d.aggregate.source,
        fn: d.aggregate.fn,
        column: d.aggregate.column,
        filter: d.aggregate.filter,
      }
    : {}),
  expression: d.expression ?? undefined,
  description: d.description,
  status: 'active',
});

/** The form's values as the API's draft (numbers for number columns' filters). */
function toDraft(v: FormValues): FeatureDraft {
  const base = {
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    entity: 'customer' as const,
    type: v.type,
    unit: v.unit,
    windowDays: v.window === 'all' ? null : v.window,
    kind: v.kind,
    description: v.description ?? '',
    status: v.status,
  };
  if (v.kind === 'expression') return { ...base, expression: v.expression ?? '' };
  const columns = SOURCE_COLUMNS[v.source ?? 'txn'] as Record<string, string>;
  return {
    ...base,
    aggregate: {
      source: v.source ?? 'txn',
      fn: v.fn ?? 'count',
      ...(v.fn && v.fn !== 'count' && v.column ? { column: v.column } : {}),
      filter: (v.filter ?? []).map((f) => ({
        ...f,
        value: columns[f.column] === 'number' ? Number(f.value) : String(f.value),
      })),
    },
  };
}

/** A new feature (`/features/new`) or a new version of one (`/features/:name/edit`), with a test evaluation. */
export function FeatureEditPage() {
  const { name } = useParams();
  const { api, t, lang } = useFeaturesText();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const existing = useLoad(
    (signal) => (name ? getFeature(api, name, signal) : Promise.resolve(null)),
    [api, name],
  );
  useEffect(() => {
    if (existing.data) form.setFieldsValue(fromDef(existing.data.current));
  }, [existing.data, form]);
  const kind = Form.useWatch('kind', form) ?? 'aggregate';
  const source = Form.useWatch('source', form) ?? 'txn';
  const fn = Form.useWatch('fn', form);
  const unit = Form.useWatch('unit', form) ?? 'none';
  const columns = Object.keys(SOURCE_COLUMNS[source as FeatureSource] ?? {});
  const colText = (c: string) => t(`col.${c}` as 'col.kind');
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = await form.validateFields();
    if (
      !(await confirm({
        title: t('edit.save'),
        content: t('edit.confirm'),
        okText: t('edit.save'),
        cancelText: t('cancel'),
      }))
    ) {
      return;
    }
    setSaving(true);
    try {
      const draft = toDraft(values);
      const def = name
        ? await newFeatureVersion(api, name, draft)
        : await createFeature(api, values.name, draft);
      message.success(t('edit.saved', { n: def.version }));
      navigate(`/features/${def.name}`);
    } catch (e) {
      // the server names the draft's fields (`draft.expression`, `draft.aggregate.filter.0.value`):
      // put its reasons on this form's fields
      // (duck-typed: the client that threw may be another bundle's copy of contracts)
      const fields =
        e && typeof e === 'object' && 'fields' in e ? Object.entries((e as ApiError).fields ?? {}) : [];
      if (fields.length) {
        form.setFields(
          fields.map(([path, errors]) => ({
            name: path
              .replace(/^draft\./, '')
              .replace(/^aggregate\./, '')
              .split('.')
              .map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never,
            errors,
          })),
        );
        message.error(t('edit.refused'));
      } else showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  if (name && !existing.data && !existing.error) return <Skeleton active />;
  const title = name ? t('edit.title.version', { name }) : t('edit.title.new');
  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('app') },
          { title: t('features'), to: '/features' },
          ...(name ? [{ title: name, to: `/features/${name}` }] : []),
          { title },
        ]}
        title={title}
        extra={
          <Button type="primary" loading={saving} onClick={save} data-testid="feature-save">
            {t('edit.save')}
          </Button>
        }
      />
      {existing.error && <ErrorAlert error={existing.error} locale={lang} />}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card>
            <Form
              form={form}
              layout="vertical"
              initialValues={{
                kind: 'aggregate',
                type: 'number',
                unit: 'none',
                window: 90,
                source: 'txn',
                fn: 'count',
                status: 'active',
                description: '',
              }}
            >
              {!name && (
                <Form.Item
                  name="name"
                  label={t('field.name')}
                  rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,62}$/ }]}
                >
                  <Input placeholder="inflow_sum_90d" data-testid="feature-name" />
                </Form.Item>
              )}
              <Flex gap={12}>
                <Form.Item
                  name="titleZh"
                  label={t('field.titleZh')}
                  rules={[{ required: true }]}
                  style={{ flex: 1 }}
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name="titleEn"
                  label={t('field.titleEn')}
                  rules={[{ required: true }]}
                  style={{ flex: 1 }}
                >
                  <Input />
                </Form.Item>
              </Flex>
              <Flex gap={12} wrap>
                <Form.Item name="kind" label={t('field.kind')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'aggregate', label: t('kind.aggregate') },
                      { value: 'expression', label: t('kind.expression') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="type" label={t('field.type')}>
                  <Select
                    style={{ width: 120 }}
                    options={FeatureType.options.map((v) => ({ value: v, label: t(`type.${v}`) }))}
                  />
                </Form.Item>
                <Form.Item name="unit" label={t('field.unit')}>
                  <Select
                    style={{ width: 140 }}
                    options={FeatureUnit.options.map((v) => ({ value: v, label: t(`unit.${v}`) }))}
                  />
                </Form.Item>
                <Form.Item name="window" label={t('field.window')}>
                  <Select
                    style={{ width: 140 }}
                    options={[
                      ...FEATURE_WINDOWS.map((n) => ({ value: n, label: t('window.days', { n }) })),
                      { value: 'all', label: t('window.all') },
                    ]}
                  />
                </Form.Item>
              </Flex>
              {kind === 'aggregate' ? (
                <>
                  <Flex gap={12} wrap>
                    <Form.Item name="source" label={t('field.source')}>
                      <Select
                        style={{ width: 240 }}
                        options={FeatureSource.options.map((s) => ({ value: s, label: t(`source.${s}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name="fn" label={t('field.fn')}>
                      <Select
                        style={{ width: 120 }}
                        options={AggregateFn.options.map((f) => ({ value: f, label: t(`fn.${f}`) }))}
                      />
                    </Form.Item>
                    {fn && fn !== 'count' && (
                      <Form.Item name="column" label={t('field.column')} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 180 }}
                          options={columns.map((c) => ({ value: c, label: colText(c) }))}
                        />
                      </Form.Item>
                    )}
                  </Flex>
                  <Form.List name="filter">
                    {(fields, { add, remove }) => (
                      <Form.Item label={t('field.filter')}>
                        {fields.map((f) => (
                          <Space key={f.key} align="baseline">
                            <Form.Item name={[f.name, 'column']} rules={[{ required: true }]}>
                              <Select
                                style={{ width: 160 }}
                                options={columns.map((c) => ({ value: c, label: colText(c) }))}
                              />
                            </Form.Item>
                            <Form.Item name={[f.name, 'op']} rules={[{ required: true }]}>
                              <Select
                                style={{ width: 110 }}
                                options={FilterOp.options.map((o) => ({ value: o, label: t(`op.${o}`) }))}
                              />
                            </Form.Item>
                            <Form.Item name={[f.name, 'value']} rules={[{ required: true }]}>
                              <Input style={{ width: 140 }} />
                            </Form.Item>
                            <Button type="link" onClick={() => remove(f.name)}>
                              ×
                            </Button>
                          </Space>
                        ))}
                        <Button type="dashed" onClick={() => add({ op: 'eq' })} disabled={fields.length >= 5}>
                          {t('edit.addFilter')}
                        </Button>
                      </Form.Item>
                    )}
                  </Form.List>
                </>
              ) : (
                <Form.Item
                  name="expression"
                  label={t('field.expression')}
                  extra={t('edit.exprHelp')}
                  rules={[{ required: true }]}
                >
                  <Input.TextArea
                    rows={3}
                    style={{ fontFamily: 'monospace' }}
                    data-testid="feature-expression"
                  />
                </Form.Item>
              )}
              <Form.Item name="description" label={t('field.description')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="status" label={t('field.status')}>
                <Radio.Group
                  options={[
                    { value: 'active', label: t('status.active') },
                    { value: 'draft', label: t('status.draft') },
                  ]}
                />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <TestPanel
            build={async () => ({
              name: name ?? form.getFieldValue('name') ?? 'draft_feature',
              draft: toDraft(await form.validateFields()),
            })}
            unit={unit}
          />
        </Col>
      </Row>
    </>
  );
}

/** Evaluates the draft for one customer as of a date (nothing stored). */
function TestPanel({
  build,
  unit,
}: {
  build: () => Promise<{ name: string; draft: FeatureDraft }>;
  unit: FeatureDef['unit'];
}) {
  const { api, t, lang } = useFeaturesText();
  const [customer, setCustomer] = useState<string>();
  const [asOf, setAsOf] = useState(today());
  const [result, setResult] = useState<{
    value: FeatureDef['windowDays'] | string | boolean | null;
    inputs: Record<string, unknown>;
  }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!customer) return;
    setBusy(true);
    setError(undefined);
    try {
      const { name, draft } = await build();
      setResult(await testFeature(api, customer, name, draft, asOf));
    } catch (e) {
      if (!(e && typeof e === 'object' && 'errorFields' in e)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('test.title')}>
      <Typography.Paragraph type="secondary">{t('test.hint')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <CustomerPicker
          value={customer}
          onChange={setCustomer}
          placeholder={t('test.customer')}
          notFound={t('test.noCustomer')}
        />
        <Flex gap={8}>
          <DatePicker
            allowClear={false}
            onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
            placeholder={t('feature.asOf')}
          />
          <Button onClick={run} loading={busy} disabled={!customer} data-testid="feature-test">
            {t('test.run')}
          </Button>
        </Flex>
        {error !== undefined && <ErrorAlert error={error} locale={lang} />}
        {result && (
          <Descriptions column={1} size="small" bordered data-testid="feature-test-result">
            <Descriptions.Item label={t('test.value')}>
              {formatFeatureValue(result.value as never, unit, t, lang)}
            </Descriptions.Item>
            {Object.entries(result.inputs).map(([k, v]) => (
              <Descriptions.Item key={k} label={k}>
                {formatFeatureValue(v as never, 'none', t, lang)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}
