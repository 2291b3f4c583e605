import { Alert, Typography } from 'antd';
import { useShell } from './applications.text.ts';

/**
 * Slots for what the bureau feature (features/bureau, built apart) shows inside these pages. Until
 * `../bureau/index.ts` exports `BureauAuthorizationStep`, `BureauReportView` and `AttachmentsPanel`,
 * these stand in with the same props; at merge each is replaced by a re-export of the real one.
 */

/** Wizard step 2: the customer's bureau authorisation (`<BureauAuthorizationStep customerId />`). */
export function AuthorizationSlot({ customerId }: { customerId: string }) {
  const { t } = useShell();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="authorization-slot"
      data-customer-id={customerId}
      title={t('authorization.missing')}
      description={t('authorization.missingHint')}
    />
  );
}

/** The application's bureau report (`<BureauReportView reportId applicationId />`). */
export function BureauReportSlot({ reportId }: { reportId: string | null; applicationId: string }) {
  const { t } = useShell();
  return (
    <Typography.Text type="secondary" data-testid="bureau-report-slot">
      {reportId ? t('bureau.pending') : t('bureau.none')}
    </Typography.Text>
  );
}

/** Files kept with the application (`<AttachmentsPanel applicationId editable />`). */
export function AttachmentsSlot(_: { applicationId: string; editable: boolean }) {
  const { t } = useShell();
  return (
    <Typography.Text type="secondary" data-testid="attachments-slot">
      {t('attachments.pending')}
    </Typography.Text>
  );
}
