/**
 * What the bureau feature (features/bureau) shows inside the application pages, under the names
 * these pages use: the customer's authorisation in the wizard, the report, the query button and
 * log in 征信与准入, the files in 授信调查.
 */
export {
  AttachmentsPanel as AttachmentsSlot,
  AuthorizationPanel as AuthorizationSlot,
  BureauQueryLog as QueryLogSlot,
  BureauReportView as BureauReportSlot,
  QueryBureauButton as QueryBureauSlot,
} from '../bureau/index.ts';
