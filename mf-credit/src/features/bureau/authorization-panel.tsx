import { formatTime, LoadError, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { type BureauAuthorization, BureauPurpose, isApiError, Permissions } from '@zhanye/contracts';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import {
  createAuthorization,
  getAttachment,
  listAuthorizations,
  revokeAuthorization,
  saveDownload,
} from './bureau.resource.ts';
import { useBureauText } from './bureau.text.ts';
import { type PickedFile, UploadField } from './upload-field.tsx';

type Status = 'valid' | 'revoked' | 'expired' | 'pending';
const COLOR: Record<Status, string> = {
  valid: 'success',
  revoked: 'default',
  expired: 'warning',
  pending: 'processing',
};

/** Today in the bank's time zone, `YYYY-MM-DD`. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export function statusOf(a: BureauAuthorization): Status {
  if (a.status === 'revoked') return 'revoked';
  if (a.valid) return 'valid';
  return a.validTo < today() ? 'expired' : 'pending';
}

/**
 * A customer's bureau authorisations (征信授权): the list, the signed scans, "record authorisation"
 * (with the scan) and revoke (with a reason, confirmed). For the application pages.
 */
export function AuthorizationPanel({
  customerId,
  customerName,
  onChange,
}: {
  customerId: string;
  customerName: string;
  /** After a record or a revoke (e.g. to enable "query the bureau"). */
  onChange?: (items: BureauAuthorization[]) => void;
}) {
  const { api, can, t, lang } = useBureauText();
  const reasons = {
    NO_AUTHORIZATION: t('reason.NO_AUTHORIZATION'),
    ALREADY_REVOKED: t('reason.ALREADY_REVOKED'),
  };
  const showError = useShowError(reasons);
  const list = useLoad((signal) => listAuthorizations(api, customerId, signal), [api, customerId]);
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState<BureauAuthorization>();
  const mayRecord = can(Permissions.bureauAuthorize);

  const changed = (item: BureauAuthorization) => {
    const items = [item, ...(list.data?.items ?? []).filter((a) => a.id !== item.id)];
    list.setData({ items });
    onChange?.(items);
  };

  const download = async (id: string) => {
    try {
      saveDownload(await getAttachment(api, id));
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<BureauAuthorization> = [
    { title: t('auth.purpose'), dataIndex: 'purpose', render: (p: string) => t.opt(`purpose.${p}`) ?? '' },
    { title: t('auth.validity'), key: 'validity', render: (_, a) => `${a.validFrom} ~ ${a.validTo}` },
    { title: t('auth.method'), dataIndex: 'method', render: (m: string) => t.opt(`method.${m}`) ?? '' },
    {
      title: t('auth.status'),
      key: 'status',
      render: (_, a) => {
        const s = statusOf(a);
        const tag = <Tag color={COLOR[s]}>{t(`status.${s}`)}</Tag>;
        return a.status === 'revoked' && a.revokedAt ? (
          <span
            title={t('auth.revokedBy', {
              name: a.revokedByName ?? '',
              at: formatTime(a.revokedAt, lang),
              reason: a.revokeReason ?? '',
            })}
          >
            {tag}
          </span>
        ) : (
          tag
        );
      },
    },
    { title: t('auth.recordedBy'), dataIndex: 'recordedByName' },
    { title: t('auth.recordedAt'), dataIndex: 'recordedAt', render: (v: string) => formatTime(v, lang) },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, a) => (
        <>
          {a.attachmentId && (
            <Button
              type="link"
              size="small"
              onClick={() => download(a.attachmentId!)}
              data-testid="auth-scan"
            >
              {t('auth.scan')}
            </Button>
          )}
          {mayRecord && a.status === 'active' && (
            <Button type="link" size="small" danger onClick={() => setRevoking(a)} data-testid="auth-revoke">
              {t('auth.revoke')}
            </Button>
          )}
        </>
      ),
    },
  ];

  return (
    <Card
      title={t('auth.title')}
      size="small"
      extra={
        mayRecord && (
          <Button type="primary" size="small" data-testid="auth-new" onClick={() => setRecording(true)}>
            {t('auth.new')}
          </Button>
        )
      }
    >
      {list.error !== undefined && <LoadError error={list.error} reasons={reasons} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('auth.empty') }}
      />
      {recording && (
        <RecordAuthorization
          customerId={customerId}
          onClose={() => setRecording(false)}
          onSaved={(a) => {
            setRecording(false);
            changed(a);
          }}
        />
      )}
      {revoking && (
        <RevokeAuthorization
          authorization={revoking}
          customerName={customerName}
          onClose={() => setRevoking(undefined)}
          onRevoked={(a) => {
            setRevoking(undefined);
            changed(a);
          }}
        />
      )}
    </Card>
  );
}

type Day = { format(pattern: string): string };
interface RecordValues {
  purpose: BureauAuthorization['purpose'];
  validity: [Day, Day];
  scan: PickedFile;
}

/** "Record authorisation": purpose, validity, the signed scan. */
function RecordAuthorization({
  customerId,
  onClose,
  onSaved,
}: {
  customerId: string;
  onClose(): void;
  onSaved(a: BureauAuthorization): void;
}) {
  const { api, t } = useBureauText();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<RecordValues>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, message: t('required', { field }) });

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const saved = await createAuthorization(
        api,
        {
          customerId,
          purpose: v.purpose,
          validFrom: v.validity[0].format('YYYY-MM-DD'),
          validTo: v.validity[1].format('YYYY-MM-DD'),
          scan: v.scan,
        },
        key.current,
      );
      key.settle();
      message.success(t('auth.saved'));
      onSaved(saved);
    } catch (e) {
      key.settle(e);
      // the server's field names -> this form's fields
      const fields = isApiError(e) && e.status === 400 ? Object.keys(e.fields) : [];
      const dates = fields.some((f) => f === 'validFrom' || f === 'validTo');
      const file = fields.some((f) => f.startsWith('scan') || f === 'base64' || f === 'mime');
      if (dates) form.setFields([{ name: 'validity', errors: [t('rule.validity')] }]);
      if (file) form.setFields([{ name: 'scan', errors: [t('rule.scan')] }]);
      if (!dates && !file) showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('auth.new')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ 'data-testid': 'auth-save' }}
    >
      <Form form={form} layout="vertical" initialValues={{ purpose: 'loan_approval' }}>
        <Form.Item name="purpose" label={t('auth.purpose')} rules={[required(t('auth.purpose'))]}>
          <Select
            data-testid="auth-purpose"
            options={BureauPurpose.options.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="validity" label={t('auth.validity')} rules={[required(t('auth.validity'))]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="auth-validity" />
        </Form.Item>
        <Form.Item
          name="scan"
          label={t('auth.scan')}
          extra={t('auth.scanHint')}
          rules={[required(t('auth.scan'))]}
        >
          <UploadField data-testid="auth-scan-pick" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Revoke, with a reason; confirmed first (binding, cannot be undone). */
function RevokeAuthorization({
  authorization,
  customerName,
  onClose,
  onRevoked,
}: {
  authorization: BureauAuthorization;
  customerName: string;
  onClose(): void;
  onRevoked(a: BureauAuthorization): void;
}) {
  const { api, t } = useBureauText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const showError = useShowError({ ALREADY_REVOKED: t('reason.ALREADY_REVOKED') });
  const [form] = Form.useForm<{ reason: string }>();
  const [key] = useState(() => new SubmitKey());
  const [saving, setSaving] = useState(false);

  const revoke = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const sure = await confirm({
      title: t('auth.revokeTitle', { name: customerName }),
      content: t('auth.revokeContent'),
      okText: t('auth.revoke'),
      cancelText: t('cancel'),
      danger: true,
    });
    if (!sure) return;
    setSaving(true);
    try {
      const revoked = await revokeAuthorization(api, authorization.id, v.reason, key.current);
      key.settle();
      message.success(t('auth.revoked'));
      onRevoked(revoked);
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
      title={t('auth.revokeTitle', { name: customerName })}
      onCancel={onClose}
      onOk={revoke}
      confirmLoading={saving}
      okText={t('auth.revoke')}
      okButtonProps={{ danger: true, 'data-testid': 'auth-revoke-ok' }}
      cancelText={t('cancel')}
    >
      <p>{t('auth.revokeContent')}</p>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('auth.revokeReason')}
          rules={[
            { required: true, whitespace: true, message: t('required', { field: t('auth.revokeReason') }) },
          ]}
        >
          <Input.TextArea maxLength={200} rows={3} data-testid="auth-revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
