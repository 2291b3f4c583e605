import { useConfirm, useShowError } from '@zhanye/app-kit/react';
import { Button, Card, DatePicker, Form, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { createRun } from './batch.resource.ts';
import { useBatchText } from './batch.text.ts';

const FLOWS = ['credit.preapproval'] as const;
/** Risk's read model's segments (contracts `RiskSegment`). */
const SEGMENTS = ['farmer', 'business', 'salaried', 'micro_enterprise', 'other'] as const;

interface Values {
  flowName: string;
  flowVersion?: number | null;
  /** antd's date (dayjs) */
  asOf: { format(template: string): string };
  scope: 'bank' | 'branch';
  segment?: string;
}

/** 发起批量授信: the population, the flow (and version), the data date; asks before starting. */
export function BatchNewPage() {
  const { api, t, user } = useBatchText();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    const flow = t.opt(`flow.${v.flowName}`) ?? t('flow.other');
    const ok = await confirm({
      title: t('confirm.create.title'),
      content: t('confirm.create.content', { flow }),
      okText: t('submit'),
      cancelText: t('keep'),
    });
    if (!ok) return;
    setBusy(true);
    try {
      const run = await createRun(api, {
        flowName: v.flowName,
        ...(v.flowVersion ? { flowVersion: v.flowVersion } : {}),
        asOf: v.asOf.format('YYYY-MM-DD'),
        ...(v.scope === 'branch' ? { orgPath: user.orgPath } : {}),
        ...(v.segment ? { segment: v.segment } : {}),
      });
      navigate(`/batch/${run.id}`);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('app') }, { title: t('title'), to: '/batch' }, { title: t('title.new') }]}
        title={t('title.new')}
        extra={<Button onClick={() => navigate('/batch')}>{t('back')}</Button>}
      />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 560 }}
          initialValues={{ flowName: FLOWS[0], scope: 'bank' }}
          onFinish={submit}
          data-testid="batch-form"
        >
          <Form.Item
            name="flowName"
            label={t('field.flow')}
            rules={[{ required: true, message: t('form.flowRequired') }]}
          >
            <Select options={FLOWS.map((f) => ({ value: f, label: t(`flow.${f}`) }))} />
          </Form.Item>
          <Form.Item name="flowVersion" label={t('field.flowVersion')}>
            <InputNumber
              min={1}
              precision={0}
              placeholder={t('flowVersion.published')}
              style={{ width: 240 }}
            />
          </Form.Item>
          <Form.Item
            name="asOf"
            label={t('field.asOf')}
            rules={[{ required: true, message: t('form.asOfRequired') }]}
          >
            <DatePicker data-testid="batch-asof" />
          </Form.Item>
          <Form.Item name="scope" label={t('field.population')}>
            <Select
              options={[
                { value: 'bank', label: t('population.bank') },
                { value: 'branch', label: `${t('population.branch')}（${user.orgName}）` },
              ]}
            />
          </Form.Item>
          <Form.Item name="segment" label={t('field.segment')}>
            <Select
              allowClear
              placeholder={t('segment.any')}
              options={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="batch-submit">
              {t('submit')}
            </Button>
            <Button onClick={() => navigate('/batch')}>{t('cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
