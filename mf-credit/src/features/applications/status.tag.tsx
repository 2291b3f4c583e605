import type { ApplicationStatus } from '@zhanye/contracts';
import { Tag } from 'antd';
import { useShell } from '../../lib/i18n.ts';

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  draft: 'default',
  pending_approval: 'processing',
  approved: 'success',
  rejected: 'error',
};
export const OUTCOME_TYPE = { pass: 'success', refer: 'warning', refuse: 'error' } as const;

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useShell();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="application-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
