import { formatTime, LoadError, useLoad, useShowError } from '@zhanye/app-kit/react';
import { type CreditApplication, Permissions, type WorkflowStep } from '@zhanye/contracts';
import { App, Button, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { applicationSteps, downloadBase64, exportEvidence } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { useShell } from './applications.text.ts';

const stepAttrs = (s: WorkflowStep) =>
  ({ 'data-testid': 'evidence-step', 'data-command': s.command }) as HTMLAttributes<HTMLElement>;

/**
 * 履职记录: every step taken on the application (who, with which posts, where, when, the change,
 * the comment, the client's address, the SHA-256 of the data it was taken on), exportable.
 * `version` reloads it after a step.
 */
export function EvidenceTab({
  application: a,
  version,
}: {
  application: CreditApplication;
  version: string;
}) {
  const { api, can, t, lang } = useShell();
  const { message } = App.useApp();
  const reasons = useMemo(() => errorReasons(t), [t]);
  const showError = useShowError(reasons);
  const steps = useLoad((signal) => applicationSteps(api, a.id, signal), [api, a.id, version]);
  const [exporting, setExporting] = useState<'pdf' | 'xlsx'>();
  const status = (s: string) => t.opt(`status.${s}`) ?? '—';

  const download = async (format: 'pdf' | 'xlsx') => {
    setExporting(format);
    try {
      const file = await exportEvidence(api, a.id, format);
      downloadBase64(file);
      message.success(t('evidence.exported', { file: file.filename }));
    } catch (e) {
      showError(e);
    } finally {
      setExporting(undefined);
    }
  };

  const columns: TableColumnsType<WorkflowStep> = [
    { title: t('evidence.when'), dataIndex: 'at', render: (v: string) => formatTime(v, lang) },
    {
      title: t('evidence.step'),
      dataIndex: 'command',
      render: (c: string) => t.opt(`command.${c}`) ?? '—',
    },
    {
      title: t('evidence.change'),
      key: 'change',
      render: (_, s) => (s.from === s.to || !s.from ? status(s.to) : `${status(s.from)} → ${status(s.to)}`),
    },
    { title: t('evidence.who'), dataIndex: 'actorName' },
    {
      title: t('evidence.posts'),
      dataIndex: 'actorPosts',
      render: (posts: string[]) => (
        <Space size={4} wrap>
          {posts.map((p) => (
            <Tag key={p}>{t.opt(`post.${p}`) ?? p}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('evidence.org'), dataIndex: 'actorOrgName' },
    { title: t('evidence.comment'), dataIndex: 'comment', render: (c: string | null) => c || '—' },
    { title: t('evidence.ip'), dataIndex: 'clientIp', render: (ip: string | null) => ip ?? '—' },
    {
      title: t('evidence.sha'),
      dataIndex: 'snapshotSha256',
      render: (sha: string) => (
        <Typography.Text code copyable={{ text: sha }} data-testid="evidence-sha">
          {sha.slice(0, 12)}…
        </Typography.Text>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="evidence-tab">
      {can(Permissions.evidenceExport) && (
        <Space>
          <Button
            data-testid="evidence-export-pdf"
            loading={exporting === 'pdf'}
            disabled={exporting !== undefined}
            onClick={() => download('pdf')}
          >
            {t('evidence.pdf')}
          </Button>
          <Button
            data-testid="evidence-export-xlsx"
            loading={exporting === 'xlsx'}
            disabled={exporting !== undefined}
            onClick={() => download('xlsx')}
          >
            {t('evidence.xlsx')}
          </Button>
        </Space>
      )}
      {steps.error !== undefined && <LoadError error={steps.error} reasons={reasons} />}
      <Table
        rowKey="id"
        size="small"
        loading={steps.loading}
        dataSource={steps.data?.items ?? []}
        columns={columns}
        onRow={stepAttrs}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('evidence.none') }}
      />
    </Space>
  );
}
