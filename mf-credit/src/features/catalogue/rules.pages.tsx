import { formatMoney, useLoad, useShowError } from '@zhanye/app-kit/react';
import {
  ApprovalLevel,
  AuthorityLevel,
  type AuthorityRule,
  CustomerSegment,
  GuaranteeType,
  ProcessMode,
  type ProcessRule,
} from '@zhanye/contracts';
import { Alert, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  activateAuthorityTable,
  activateProcessTable,
  authorityTables,
  listProducts,
  processTables,
  saveAuthorityTable,
  saveProcessTable,
  type TryCase,
  tryProcessTable,
} from './catalogue.resource.ts';
import { RouteTabs } from './catalogue.tabs.tsx';
import { useCatalogueText } from './catalogue.text.ts';
import { RulesEditor, type TableVersion } from './rules.editor.tsx';

/** Posts an authority row may name (codes as principals carry them). */
const POSTS = ['approver', 'reviewer', 'branch_head', 'hq_manager', 'investigator', 'account_manager'];
const MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

function Tabs() {
  const { t } = useCatalogueText();
  return (
    <RouteTabs
      items={[
        { path: '/rules', label: t('tab.process') },
        { path: '/rules/authority', label: t('tab.authority') },
      ]}
    />
  );
}

/** The bank's products as choices (name shown, code kept). */
function useProductOptions() {
  const { api } = useCatalogueText();
  const products = useLoad((signal) => listProducts(api, 'all', signal), [api]);
  const items = products.data?.items ?? [];
  return {
    options: items.map((p) => ({ value: p.code, label: p.name })),
    name: (code: string) => items.find((p) => p.code === code)?.name ?? code,
  };
}

/** Tags for a condition (empty: any). */
function Conditions({ values, label }: { values: string[]; label: (v: string) => string }) {
  const { t } = useCatalogueText();
  if (!values.length) return <Typography.Text type="secondary">{t('rules.any')}</Typography.Text>;
  return (
    <>
      {values.map((v) => (
        <Tag key={v}>{label(v)}</Tag>
      ))}
    </>
  );
}

const blankProcess: ProcessRule = {
  productCodes: [],
  minAmount: null,
  maxAmount: null,
  guaranteeTypes: [],
  segments: [],
  prescreen: [],
  mode: 'staffed',
  approvalLevel: 'branch',
  note: '',
};

/** The process-mode decision table: versions, editing, activating, and a "try it" form. */
export function ProcessRulesPage() {
  const { api, t, lang } = useCatalogueText();
  const products = useProductOptions();
  const word = (prefix: string) => (v: string) => t.opt(`${prefix}.${v}`) ?? v;
  const multi = (
    values: string[],
    options: { value: string; label: string }[],
    set: (v: string[]) => void,
  ) => (
    <Select
      mode="multiple"
      size="small"
      allowClear
      placeholder={t('rules.any')}
      value={values}
      options={options}
      onChange={set}
      style={{ minWidth: 140 }}
    />
  );
  const amount = (value: string | null, set: (v: string | null) => void) => (
    <Input
      size="small"
      value={value ?? ''}
      placeholder={t('rules.any')}
      status={value && !MONEY.test(value) ? 'error' : undefined}
      onChange={(e) => set(e.target.value.trim() || null)}
      style={{ width: 120 }}
    />
  );
  const enumOptions = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: word(prefix)(v) }));

  return (
    <Card title={t('page.rules')}>
      <Tabs />
      <RulesEditor<ProcessRule>
        titles={[
          t('rules.products'),
          t('rules.minAmount'),
          t('rules.maxAmount'),
          t('field.guaranteeTypes'),
          t('rules.segments'),
          t('rules.prescreen'),
          t('rules.mode'),
          t('rules.approvalLevel'),
          t('rules.note'),
        ]}
        hint={t('rules.firstHit')}
        blank={blankProcess}
        cells={(edit, r) =>
          edit
            ? [
                multi(r.productCodes, products.options, (v) => edit({ productCodes: v })),
                amount(r.minAmount, (v) => edit({ minAmount: v })),
                amount(r.maxAmount, (v) => edit({ maxAmount: v })),
                multi(r.guaranteeTypes, enumOptions(GuaranteeType.options, 'guarantee'), (v) =>
                  edit({ guaranteeTypes: v as ProcessRule['guaranteeTypes'] }),
                ),
                multi(r.segments, enumOptions(CustomerSegment.options, 'segment'), (v) =>
                  edit({ segments: v as ProcessRule['segments'] }),
                ),
                multi(r.prescreen, enumOptions(['pass', 'refer'], 'prescreen'), (v) =>
                  edit({ prescreen: v as ProcessRule['prescreen'] }),
                ),
                <Select
                  key="mode"
                  size="small"
                  value={r.mode}
                  options={enumOptions(ProcessMode.options, 'mode')}
                  onChange={(mode) => edit({ mode })}
                  style={{ width: 130 }}
                />,
                <Select
                  key="level"
                  size="small"
                  value={r.approvalLevel}
                  options={enumOptions(ApprovalLevel.options, 'level')}
                  onChange={(approvalLevel) => edit({ approvalLevel })}
                  style={{ width: 90 }}
                />,
                <Input
                  key="note"
                  size="small"
                  value={r.note}
                  maxLength={100}
                  onChange={(e) => edit({ note: e.target.value })}
                />,
              ]
            : [
                <Conditions key="p" values={r.productCodes.filter((c) => c !== '*')} label={products.name} />,
                r.minAmount ? (
                  formatMoney(r.minAmount, lang)
                ) : (
                  <Conditions key="min" values={[]} label={String} />
                ),
                r.maxAmount ? (
                  formatMoney(r.maxAmount, lang)
                ) : (
                  <Conditions key="max" values={[]} label={String} />
                ),
                <Conditions key="g" values={r.guaranteeTypes} label={word('guarantee')} />,
                <Conditions key="s" values={r.segments} label={word('segment')} />,
                <Conditions key="r" values={r.prescreen} label={word('prescreen')} />,
                <Tag key="m" color="processing">
                  {word('mode')(r.mode)}
                </Tag>,
                word('level')(r.approvalLevel),
                r.note,
              ]
        }
        load={(signal) => processTables(api, signal)}
        save={(input, key) => saveProcessTable(api, input, key)}
        activate={(version) => activateProcessTable(api, version)}
        footer={(versions) => <TryIt versions={versions} products={products.options} />}
      />
    </Card>
  );
}

/** Which process and approval level a case gets, under the active or a chosen version. */
function TryIt({
  versions,
  products,
}: {
  versions: TableVersion<ProcessRule>[];
  products: { value: string; label: string }[];
}) {
  const { api, t } = useCatalogueText();
  const showError = useShowError();
  const [form] = Form.useForm<TryCase>();
  const [answer, setAnswer] = useState<Awaited<ReturnType<typeof tryProcessTable>>>();
  const [running, setRunning] = useState(false);
  const word = (prefix: string) => (v: string) => t.opt(`${prefix}.${v}`) ?? v;
  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setRunning(true);
    try {
      setAnswer(await tryProcessTable(api, v));
    } catch (e) {
      showError(e, form);
    } finally {
      setRunning(false);
    }
  };
  const required = (field: string) => ({ required: true, message: t('rule.required', { field }) });
  return (
    <Card size="small" title={t('try.title')}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ guaranteeType: 'credit', segment: 'existing', prescreen: 'pass' }}
        onFinish={run}
      >
        <Form.Item name="productCode" label={t('rules.product')} rules={[required(t('rules.product'))]}>
          <Select options={products} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('field.amount')}
          rules={[required(t('field.amount')), { pattern: MONEY, message: t('rule.money') }]}
        >
          <Input suffix="元" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="guaranteeType" label={t('field.guaranteeTypes')}>
          <Select
            options={GuaranteeType.options.map((v) => ({ value: v, label: word('guarantee')(v) }))}
            style={{ width: 100 }}
          />
        </Form.Item>
        <Form.Item name="segment" label={t('rules.segments')}>
          <Select
            options={CustomerSegment.options.map((v) => ({ value: v, label: word('segment')(v) }))}
            style={{ width: 130 }}
          />
        </Form.Item>
        <Form.Item name="prescreen" label={t('rules.prescreen')}>
          <Select
            options={['pass', 'refer'].map((v) => ({ value: v, label: word('prescreen')(v) }))}
            style={{ width: 100 }}
          />
        </Form.Item>
        <Form.Item name="version" label={t('try.version')}>
          <Select
            allowClear
            placeholder={t('try.activeVersion')}
            options={versions.map((v) => ({ value: v.version, label: `V${v.version}` }))}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={running} data-testid="try-run">
            {t('try.run')}
          </Button>
        </Form.Item>
      </Form>
      {answer && (
        <Alert
          style={{ marginTop: 16 }}
          type={answer.row ? 'success' : 'warning'}
          showIcon
          data-testid="try-answer"
          title={
            answer.row
              ? t('try.result', {
                  version: answer.version,
                  row: answer.row,
                  mode: word('mode')(answer.mode),
                  level: word('level')(answer.approvalLevel),
                })
              : t('try.noRow', { version: answer.version })
          }
        />
      )}
    </Card>
  );
}

const blankAuthority: AuthorityRule = {
  post: 'approver',
  orgLevel: 'branch',
  productCode: '*',
  maxAmount: '500000',
};

/** The authority table: what each post may approve at each level, per product or for all. */
export function AuthorityRulesPage() {
  const { api, t, lang } = useCatalogueText();
  const products = useProductOptions();
  const word = (prefix: string) => (v: string) => t.opt(`${prefix}.${v}`) ?? v;
  const productOptions = [{ value: '*', label: t('rules.allProducts') }, ...products.options];
  return (
    <Card title={t('page.rules')}>
      <Tabs />
      <RulesEditor<AuthorityRule>
        titles={[t('rules.post'), t('rules.orgLevel'), t('rules.product'), t('rules.authorityAmount')]}
        hint={t('rules.authorityHint')}
        blank={blankAuthority}
        cells={(edit, r) =>
          edit
            ? [
                <Select
                  key="post"
                  size="small"
                  value={r.post}
                  options={POSTS.map((p) => ({ value: p, label: word('post')(p) }))}
                  onChange={(post) => edit({ post })}
                  style={{ width: 140 }}
                />,
                <Select
                  key="level"
                  size="small"
                  value={r.orgLevel}
                  options={AuthorityLevel.options.map((v) => ({ value: v, label: word('level')(v) }))}
                  onChange={(orgLevel) => edit({ orgLevel })}
                  style={{ width: 100 }}
                />,
                <Select
                  key="product"
                  size="small"
                  value={r.productCode}
                  options={productOptions}
                  onChange={(productCode) => edit({ productCode })}
                  style={{ width: 180 }}
                />,
                <Input
                  key="amount"
                  size="small"
                  value={r.maxAmount}
                  suffix="元"
                  status={MONEY.test(r.maxAmount) ? undefined : 'error'}
                  onChange={(e) => edit({ maxAmount: e.target.value.trim() })}
                  style={{ width: 160 }}
                />,
              ]
            : [
                word('post')(r.post),
                word('level')(r.orgLevel),
                r.productCode === '*' ? t('rules.allProducts') : products.name(r.productCode),
                <Space key="amount">{formatMoney(r.maxAmount, lang)}</Space>,
              ]
        }
        load={(signal) => authorityTables(api, signal)}
        save={(input, key) => saveAuthorityTable(api, input, key)}
        activate={(version) => activateAuthorityTable(api, version)}
      />
    </Card>
  );
}
