import { formatTime, LoadError, useLoad, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { Attachment, type Attachment as AttachmentT, isApiError } from '@zhanye/contracts';
import { App, Button, Card, Form, Modal, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  addAttachment,
  formatSize,
  getAttachment,
  listAttachments,
  saveDownload,
} from './bureau.resource.ts';
import { useBureauText } from './bureau.text.ts';
import { type PickedFile, UploadField } from './upload-field.tsx';

/** Kinds a person uploads to an application (the authorisation's scan comes with the authorisation). */
const KINDS = Attachment.shape.kind.options.filter((k) => k !== 'bureau_authorization');

/**
 * An application's files (附件): list, download and, when `canUpload` (an investigator while
 * investigating: the page knows), upload.
 */
export function AttachmentsPanel({
  applicationId,
  canUpload = false,
}: {
  applicationId: string;
  canUpload?: boolean;
}) {
  const { api, t, lang } = useBureauText();
  const showError = useShowError();
  const list = useLoad((signal) => listAttachments(api, applicationId, signal), [api, applicationId]);
  const [uploading, setUploading] = useState(false);

  const download = async (id: string) => {
    try {
      saveDownload(await getAttachment(api, id));
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<AttachmentT> = [
    { title: t('file.kind'), dataIndex: 'kind', render: (k: string) => t.opt(`kind.${k}`) ?? '' },
    { title: t('file.name'), dataIndex: 'filename' },
    { title: t('file.size'), dataIndex: 'size', render: (n: number) => formatSize(n) },
    { title: t('file.by'), dataIndex: 'uploadedByName' },
    { title: t('file.at'), dataIndex: 'uploadedAt', render: (v: string) => formatTime(v, lang) },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, a) => (
        <Button type="link" size="small" onClick={() => download(a.id)} data-testid="file-download">
          {t('file.download')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('file.title')}
      size="small"
      extra={
        canUpload && (
          <Button size="small" type="primary" onClick={() => setUploading(true)} data-testid="file-upload">
            {t('file.upload')}
          </Button>
        )
      }
    >
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('file.empty') }}
      />
      {uploading && (
        <UploadAttachment
          applicationId={applicationId}
          onClose={() => setUploading(false)}
          onAdded={(a) => {
            setUploading(false);
            list.setData({ items: [...(list.data?.items ?? []), a] });
          }}
        />
      )}
    </Card>
  );
}

function UploadAttachment({
  applicationId,
  onClose,
  onAdded,
}: {
  applicationId: string;
  onClose(): void;
  onAdded(a: AttachmentT): void;
}) {
  const { api, t } = useBureauText();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ kind: AttachmentT['kind']; file: PickedFile }>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, message: t('required', { field }) });

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const added = await addAttachment(api, { id: applicationId, kind: v.kind, ...v.file }, key.current);
      key.settle();
      message.success(t('file.uploaded'));
      onAdded(added);
    } catch (e) {
      key.settle(e);
      if (isApiError(e) && e.status === 400) form.setFields([{ name: 'file', errors: [t('rule.scan')] }]);
      else showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('file.upload')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ 'data-testid': 'file-save' }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'other' }}>
        <Form.Item name="kind" label={t('file.kind')} rules={[required(t('file.kind'))]}>
          <Select data-testid="file-kind" options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="file"
          label={t('file.name')}
          extra={t('auth.scanHint')}
          rules={[required(t('file.name'))]}
        >
          <UploadField data-testid="file-pick" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
