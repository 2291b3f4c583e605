import { formatMoney, formatTime, LoadError, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { Permissions } from '@zhanye/contracts';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useLimitReasons } from './limit.parts.tsx';
import { type Adjustment, decideAdjustment, listAdjustments } from './limits.resource.ts';
import { useLimitsText } from './limits.text.ts';

type Status = Adjustment['status'];
const STATUS_COLOR: Record<Status, string> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'error',
  applied: 'processing',
};

/** 调额审批: increases waiting for someone other than the requester, and the adjustments decided. */
export function AdjustmentsPage() {
  const { api, can, user, t, lang } = useLimitsText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const showError = useShowError(useLimitReasons());
  const [status, setStatus] = useState<Status | 'all'>('pending');
  const list = useLoad(
    (signal) => listAdjustments(api, status === 'all' ? undefined : status, signal),
    [api, status],
  );
  const [key] = useState(() => new SubmitKey());
  const [rejecting, setRejecting] = useState<Adjustment>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const mayDecide = can(Permissions.limitApprove);

  const decide = async (a: Adjustment, approve: boolean, comment: string) => {
    setBusy(true);
    try {
      await decideAdjustment(api, { id: a.id, approve, comment }, key.current);
      key.settle();
      message.success(t(approve ? 'adj.approved.done' : 'adj.rejected.done'));
      setRejecting(undefined);
      list.reload();
    } catch (e) {
      key.settle(e);
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  const approve = async (a: Adjustment) => {
    const ok = await confirm({
      title: t('adj.approve.confirm', { customer: a.customerName, amount: formatMoney(a.to, lang) }),
      content: t('adj.approve.content'),
      okText: t('adj.approve'),
      cancelText: t('cancel'),
    });
    if (ok) await decide(a, true, '');
  };

  const money = (v: string) => formatMoney(v, lang);
  const columns: TableColumnsType<Adjustment> = [
    {
      title: t('field.customer'),
      dataIndex: 'customerName',
      render: (n: string, a) => <Link to={`/limits/${a.limitId}`}>{n}</Link>,
    },
    { title: t('adj.from'), dataIndex: 'from', align: 'right', render: money },
    { title: t('adj.to'), dataIndex: 'to', align: 'right', render: money },
    { title: t('field.reason'), dataIndex: 'reason' },
    { title: t('adj.requestedBy'), dataIndex: 'requestedByName' },
    { title: t('adj.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => formatTime(v, lang) },
    {
      title: t('adj.status'),
      dataIndex: 'status',
      render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{t(`adj.${s}`)}</Tag>,
    },
    {
      title: t('adj.decidedBy'),
      dataIndex: 'decidedByName',
      render: (n: string | null, a) => (n ? `${n}${a.comment ? `：${a.comment}` : ''}` : ''),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_: unknown, a) =>
        a.status !== 'pending' || !mayDecide ? null : a.requestedBy === user.userId ? (
          <Tag>{t('adj.own')}</Tag>
        ) : (
          <Space>
            <Button
              size="small"
              type="primary"
              data-testid="adj-approve"
              disabled={busy}
              onClick={() => approve(a)}
            >
              {t('adj.approve')}
            </Button>
            <Button
              size="small"
              danger
              data-testid="adj-reject"
              disabled={busy}
              onClick={() => {
                form.resetFields();
                setRejecting(a);
              }}
            >
              {t('adj.reject')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <div>
      <Link to="/limits">← {t('back')}</Link>
      <Card title={t('title.adjustments')} style={{ marginTop: 12 }}>
        <Segmented
          data-testid="adj-status"
          value={status}
          onChange={(v) => setStatus(v as Status | 'all')}
          style={{ marginBottom: 16 }}
          options={(['pending', 'approved', 'rejected', 'applied', 'all'] as const).map((s) => ({
            value: s,
            label: s === 'all' ? t('adj.allStatuses') : t(`adj.${s}`),
          }))}
        />
        {list.error !== undefined && <LoadError error={list.error} />}
        <Table
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('adj.empty')} /> }}
        />
      </Card>
      {rejecting && (
        <Modal
          open
          title={`${t('adj.reject.title')} · ${rejecting.customerName}`}
          onCancel={() => setRejecting(undefined)}
          onOk={async () => {
            const v = await form.validateFields().catch(() => null);
            if (v) await decide(rejecting, false, v.comment);
          }}
          confirmLoading={busy}
          okText={t('adj.reject')}
          cancelText={t('cancel')}
          okButtonProps={{ danger: true, ...({ 'data-testid': 'adj-reject-save' } as object) }}
        >
          <Form form={form} layout="vertical">
            <Form.Item
              name="comment"
              label={t('field.comment')}
              rules={[{ required: true, message: t('rule.required', { field: t('field.comment') }) }]}
            >
              <Input.TextArea data-testid="adj-comment" maxLength={200} rows={3} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}
