import { Alert, Typography } from 'antd';
import { useShell } from './applications.text.ts';

/**
 * Slots for what the bureau feature (features/bureau, built on branch hc-bureau) shows inside these
 * pages, with the props of its components. `../bureau/index.ts` is not in this branch yet; at merge
 * each slot becomes the real component (this file only):
 *   AuthorizationSlot  -> <AuthorizationPanel customerId customerName />
 *   BureauReportSlot   -> <BureauReportView reportId />
 *   QueryBureauSlot    -> <QueryBureauButton applicationId customerName onQueried />
 *   QueryLogSlot       -> <BureauQueryLog customerId refresh />
 *   AttachmentsSlot    -> <AttachmentsPanel applicationId canUpload />
 */

/** Wizard step 2: the customer's bureau authorisation (征信授权). */
export function AuthorizationSlot({ customerId }: { customerId: string; customerName: string }) {
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

/** The application's bureau report. */
export function BureauReportSlot({ reportId }: { reportId?: string | null }) {
  const { t } = useShell();
  return (
    <Typography.Text type="secondary" data-testid="bureau-report-slot">
      {reportId ? t('bureau.pending') : t('bureau.none')}
    </Typography.Text>
  );
}

/** "Query the bureau" for the application (shown when its actions include `queryBureau`). */
export function QueryBureauSlot(_: {
  applicationId: string;
  customerName: string;
  onQueried(report: unknown): void;
}) {
  return null;
}

/** Who queried the customer's bureau report, why and when. */
export function QueryLogSlot(_: { customerId: string; refresh?: unknown }) {
  return null;
}

/** Files kept with the application (investigators upload while investigating). */
export function AttachmentsSlot(_: { applicationId: string; canUpload?: boolean }) {
  const { t } = useShell();
  return (
    <Typography.Text type="secondary" data-testid="attachments-slot">
      {t('attachments.pending')}
    </Typography.Text>
  );
}
