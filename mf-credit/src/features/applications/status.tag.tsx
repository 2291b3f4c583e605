import type { ApplicationStatus } from '@zhanye/contracts';
import { Tag } from 'antd';
import { useShell } from './applications.text.ts';

const COLOR: Record<ApplicationStatus, string> = {
  draft: 'default',
  admission_pending: 'warning',
  investigating: 'processing',
  assistant_confirming: 'processing',
  reviewing: 'processing',
  branch_approving: 'processing',
  hq_approving: 'processing',
  supplement_approving: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** An application's status in words (`data-status` keeps the code for tests and styling). */
export function StatusTag({ status, testId }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useShell();
  return (
    <Tag color={COLOR[status]} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
