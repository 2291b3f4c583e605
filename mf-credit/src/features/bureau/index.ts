/**
 * The bureau's and the files' components, for the application pages to embed:
 * - `AuthorizationPanel` (customerId, customerName): a customer's 征信授权, record (with the scan), revoke;
 * - `BureauReportView` (report or reportId): a report's figures; `QueryBureauButton` (applicationId,
 *   customerName, onQueried) runs a query, confirmed; `BureauQueryLog` (customerId): who queried, why, when;
 * - `AttachmentsPanel` (applicationId, canUpload): an application's files, download and upload.
 */
export { AttachmentsPanel } from './attachments-panel.tsx';
export { AuthorizationPanel, statusOf as authorizationStatus } from './authorization-panel.tsx';
export { useBureauText } from './bureau.text.ts';
export { BureauQueryLog, BureauReportView, QueryBureauButton } from './bureau-report-view.tsx';
