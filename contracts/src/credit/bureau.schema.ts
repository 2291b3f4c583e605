import { z } from 'zod';
import { Id, IsoDateTime } from '../http.ts';
import { Upload } from './credit.schema.ts';

/** Why the bureau may be asked: the purposes a customer authorises (征信授权的用途). */
export const BureauPurpose = z.enum(['loan_approval', 'post_loan', 'guarantor_check']);

/** A customer's authorisation to query the credit bureau: signed, for a purpose, valid for a time. */
export const BureauAuthorization = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  purpose: BureauPurpose,
  validFrom: z.string(),
  validTo: z.string(),
  /** How the customer signed: a scan uploaded by staff, or an e-authorisation in the mobile bank. */
  method: z.enum(['scan', 'mobile']),
  attachmentId: z.string().nullable(),
  status: z.enum(['active', 'revoked']),
  /** Whether it can be used today (active and within its dates). */
  valid: z.boolean(),
  /** The scope columns: recorded in the recorder's org, owned by them. */
  ownerId: z.string(),
  orgId: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: IsoDateTime,
  revokedByName: z.string().nullable(),
  revokedAt: IsoDateTime.nullable(),
  revokeReason: z.string().nullable(),
});
export type BureauAuthorization = z.infer<typeof BureauAuthorization>;

export const CreateBureauAuthorization = z.object({
  customerId: Id,
  purpose: BureauPurpose,
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-07'),
  validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2027-12-06'),
  /** The signed authorisation, scanned. */
  scan: Upload.omit({ kind: true }),
});

/** What the (simulated) bureau reports about a person: the figures a credit desk reads. */
export const BureauReport = z.object({
  id: z.string(),
  customerId: z.string(),
  /** The bureau's own reference for the report. */
  reference: z.string(),
  /** Where it came from: `simulator` until the bank connects its real bureau. */
  source: z.enum(['simulator', 'bureau']),
  score: z.number().int(),
  loans: z.number().int(),
  outstanding: z.string(),
  overdueAccounts: z.number().int(),
  maxOverdueDays: z.number().int(),
  queriesLast6Months: z.number().int(),
  blacklisted: z.boolean(),
  summary: z.string(),
  queriedAt: IsoDateTime,
});
export type BureauReport = z.infer<typeof BureauReport>;

/** One query of the bureau: who asked, why, when, under which authorisation. */
export const BureauQuery = z.object({
  id: z.string(),
  customerId: z.string(),
  authorizationId: z.string(),
  applicationId: z.string().nullable(),
  reason: z.string(),
  queriedBy: z.string(),
  queriedByName: z.string(),
  reportId: z.string(),
  at: IsoDateTime,
});
export type BureauQuery = z.infer<typeof BureauQuery>;
