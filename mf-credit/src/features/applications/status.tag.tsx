import type { ApplicationStatus } from '@zhanye/contracts';
import { Tag } from 'antd';
import { useShell } from './applications.text.ts';

const COLOR: Record<ApplicationStatus, string> = {
  draft: 'default',
  admission_pending: 'orange',
  investigating: 'blue',
  assistant_confirming: 'geekblue',
  reviewing: 'purple',
  branch_approving: 'cyan',
  hq_approving: 'cyan',
  supplement_approving: 'cyan',
  approved: 'green',
  rejected: 'red',
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
