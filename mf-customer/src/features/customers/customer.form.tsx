import { useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { CustomerSegment, type CustomerSummary } from '@zhanye/contracts';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useShell } from '../../lib/i18n.ts';
import { createCustomer, type NewCustomer } from './customer.resource.ts';

/** "New customer" dialog; field errors from the server land on their fields. */
export function CustomerForm({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(c: CustomerSummary): void;
}) {
  const { api, t } = useShell();
  const { message } = App.useApp();
  const showError = useShowError({ DUPLICATE_ID_NUMBER: t('customer.duplicate') });
  const [form] = Form.useForm<NewCustomer>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, message: t('rule.required', { field }) });

  const save = async () => {
    const input = await form.validateFields().catch(() => null);
    if (!input) return;
    setSaving(true);
    try {
      const customer = await createCustomer(api, input, key.current);
      key.settle();
      message.success(t('customer.created'));
      onCreated(customer);
    } catch (e) {
      key.settle(e);
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('customer.new')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ 'data-testid': 'customer-save' }}
    >
      <Form form={form} layout="vertical" initialValues={{ segment: 'prospect' }} onFinish={save}>
        <Form.Item name="name" label={t('field.name')} rules={[required(t('field.name'))]}>
          <Input data-testid="customer-name" maxLength={64} autoFocus />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('field.idNumber')}
          rules={[required(t('field.idNumber')), { pattern: /^\d{17}[\dXx]$/, message: t('rule.idNumber') }]}
        >
          <Input data-testid="customer-idNumber" maxLength={18} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('field.phone')}
          rules={[required(t('field.phone')), { pattern: /^1\d{10}$/, message: t('rule.phone') }]}
        >
          <Input data-testid="customer-phone" maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item name="segment" label={t('field.segment')}>
          <Select
            data-testid="customer-segment"
            options={CustomerSegment.options.map((s) => ({ value: s, label: t(`segment.${s}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
