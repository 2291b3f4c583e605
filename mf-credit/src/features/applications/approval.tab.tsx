import { formatMoney, formatTime } from '@zhanye/app-kit/react';
import type { CreditApplication } from '@zhanye/contracts';
import { Descriptions, Empty, Space, Table, type TableColumnsType, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useShell } from './applications.text.ts';

type Approval = CreditApplication['approvals'][number];

/** 审查审批: who reviewed, each approval with its level, the approver's authority and comment. */
export function ApprovalTab({ application: a }: { application: CreditApplication }) {
  const { t, lang } = useShell();
  const columns: TableColumnsType<Approval> = [
    {
      title: t('approval.level'),
      dataIndex: 'level',
      render: (l: Approval['level']) => <Tag>{t(`level.${l}`)}</Tag>,
    },
    { title: t('approval.approver'), dataIndex: 'name' },
    { title: t('approval.at'), dataIndex: 'at', render: (v: string) => formatTime(v, lang) },
    {
      title: t('approval.authority'),
      dataIndex: 'authority',
      align: 'right',
      render: (v: string) => formatMoney(v, lang),
    },
    { title: t('approval.comment'), dataIndex: 'comment', render: (c: string | null) => c || '—' },
  ];
  if (!a.reviewer && a.approvals.length === 0)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {a.approvalLevel && (
          <Descriptions
            size="small"
            items={[{ key: 'level', label: t('approval.required'), children: t(`level.${a.approvalLevel}`) }]}
          />
        )}
        <Empty description={t('approval.none')} />
      </Space>
    );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="approval-tab">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'reviewer', label: t('approval.reviewer'), children: a.reviewer?.name ?? '—' },
          {
            key: 'reviewedAt',
            label: t('approval.reviewedAt'),
            children: a.reviewer ? formatTime(a.reviewer.at, lang) : '—',
          },
          {
            key: 'level',
            label: t('approval.required'),
            children: a.approvalLevel ? t(`level.${a.approvalLevel}`) : '—',
          },
        ]}
      />
      <Table
        rowKey={(r) => `${r.level}-${r.userId}-${r.at}`}
        size="small"
        pagination={false}
        dataSource={a.approvals}
        columns={columns}
        onRow={() => ({ 'data-testid': 'approval-row' }) as HTMLAttributes<HTMLElement>}
      />
    </Space>
  );
}
