import { z } from 'zod';
import { CustomerSegment } from '../customer/customer.schema.ts';
import { Id, IsoDateTime, PositiveMoney, wholeNumber } from '../http.ts';
import { applicationMachine } from './application.machine.ts';
import {
  ApprovalLevel,
  AuthorityLevel,
  GuaranteeType,
  RateBasis,
  RepaymentMethod,
} from './catalogue.schema.ts';

export const ApplicationState = z.enum(applicationMachine.states);
export type ApplicationStatus = z.infer<typeof ApplicationState>;
export const ApplicationVariant = z.enum(applicationMachine.variants);
export const ApplicationCommandName = z.enum([
  ...new Set(applicationMachine.transitions.map((t) => t.command)),
] as [string, ...string[]]);

export const PrescreenOutcome = z.enum(['pass', 'refer', 'refuse']);
export type PrescreenOutcome = z.infer<typeof PrescreenOutcome>;

/** Where an application came in: the branch (staff) or the mobile bank (the customer). */
export const Channel = z.enum(['branch', 'mobile']);

/** An action the caller may take on an application now (the page offers exactly these). */
export const ApplicationAction = z.enum([
  'edit',
  'submit',
  'admit',
  'refuseAdmission',
  'investigate',
  'submitInvestigation',
  'confirmInvestigation',
  'returnToLead',
  'complete',
  'pass',
  'approve',
  'return',
  'reject',
  'withdraw',
  'queryBureau',
]);
export type ApplicationAction = z.infer<typeof ApplicationAction>;

export const Approval = z.object({
  /** Where it was approved: the branch, the business division, head office. */
  level: AuthorityLevel,
  userId: z.string(),
  name: z.string(),
  at: IsoDateTime,
  comment: z.string().nullable(),
  /** The largest amount the approver's authority covered for this product at this level. */
  authority: z.string(),
});

export const CreditApplication = z.object({
  id: z.string(),
  /** Filing number (备案号), given when the application is filed. */
  number: z.string().nullable(),
  /** Applications made together (一键多申) share a group. */
  groupId: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  segment: CustomerSegment,
  leadId: z.string().nullable(),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  productVersion: z.number().int(),
  /** Decimal string, yuan, 2 decimals. */
  amount: z.string(),
  termMonths: z.number().int(),
  repaymentMethod: RepaymentMethod,
  guaranteeType: GuaranteeType,
  annualIncome: z.string(),
  purpose: z.string(),
  channel: Channel,
  /** The process it follows (decided when it is submitted; `supplementary` from the start). */
  variant: ApplicationVariant.nullable(),
  approvalLevel: ApprovalLevel.nullable(),
  status: ApplicationState,
  rate: RateBasis.nullable(),
  prescreen: z
    .object({ decisionId: z.string(), outcome: PrescreenOutcome, reasons: z.array(z.string()) })
    .nullable(),
  admission: z
    .object({
      outcome: PrescreenOutcome,
      reasons: z.array(z.string()),
      manual: z.object({ by: z.string(), name: z.string(), reason: z.string(), at: IsoDateTime }).nullable(),
    })
    .nullable(),
  bureauReportId: z.string().nullable(),
  investigation: z
    .object({
      leadId: z.string(),
      leadName: z.string(),
      assistantId: z.string().nullable(),
      assistantName: z.string().nullable(),
      form: z.record(z.string(), z.string()),
      submittedAt: IsoDateTime.nullable(),
      confirmedAt: IsoDateTime.nullable(),
    })
    .nullable(),
  reviewer: z.object({ userId: z.string(), name: z.string(), at: IsoDateTime }).nullable(),
  approvals: z.array(Approval),
  supplement: z.object({ reason: z.string(), offlineRef: z.string(), grantedOn: z.string() }).nullable(),
  limitId: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  /** Changes with every step: a step names the version it was taken on (409 when it moved on). */
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** What the caller may do now (by state, permission, post, separation of duties). */
  actions: z.array(ApplicationAction),
});
export type CreditApplication = z.infer<typeof CreditApplication>;

const Terms = {
  productId: Id,
  amount: PositiveMoney,
  termMonths: wholeNumber({ min: 1, max: 360 }),
  repaymentMethod: RepaymentMethod,
  guaranteeType: GuaranteeType,
  annualIncome: PositiveMoney,
  purpose: z.string().trim().min(1, 'required').max(200),
};

/** A new application: for a customer, or from a marketing lead (its customer and wishes carried over). */
export const CreateApplication = z
  .object({
    customerId: Id.optional(),
    leadId: Id.optional(),
    ...Terms,
  })
  .refine((v) => Boolean(v.customerId) || Boolean(v.leadId), {
    message: 'a customer or a lead',
    path: ['customerId'],
  });

/** 一键多申: one request, several products for one customer (a group of drafts). */
export const CreateApplications = z.object({
  customerId: Id,
  leadId: Id.optional(),
  annualIncome: PositiveMoney,
  purpose: z.string().trim().min(1, 'required').max(200),
  items: z
    .array(
      z.object({
        productId: Id,
        amount: PositiveMoney,
        termMonths: wholeNumber({ min: 1, max: 360 }),
        repaymentMethod: RepaymentMethod,
        guaranteeType: GuaranteeType,
      }),
    )
    .min(1)
    .max(5),
});

/** Changes to a draft (the owner, before submitting). */
export const UpdateApplication = z.object({
  id: Id,
  version: wholeNumber({ min: 1 }),
  amount: PositiveMoney.optional(),
  termMonths: wholeNumber({ min: 1, max: 360 }).optional(),
  repaymentMethod: RepaymentMethod.optional(),
  guaranteeType: GuaranteeType.optional(),
  annualIncome: PositiveMoney.optional(),
  purpose: z.string().trim().min(1).max(200).optional(),
});

/** 授信补录: a credit granted offline, entered with its reason; approved at HQ. */
export const CreateSupplement = z.object({
  customerId: Id,
  ...Terms,
  ratePct: z.string().regex(/^\d{1,2}(\.\d{1,4})?$/, 'must be a rate like 3.45'),
  reason: z.string().trim().min(1, 'required').max(500),
  offlineRef: z.string().trim().min(1, 'required').max(64),
  grantedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-01'),
});

/** A step that needs a comment (return, reject, refuse, withdraw, manual admission). */
export const WithComment = z.object({
  id: Id,
  version: wholeNumber({ min: 1 }),
  comment: z.string().trim().min(1, 'required').max(500),
});
/** A step whose comment may be empty (approve, pass, confirm). */
export const WithOptionalComment = z.object({
  id: Id,
  version: wholeNumber({ min: 1 }),
  comment: z.string().trim().max(500).default(''),
});

/** The investigation report: the product form's answers and who assists. */
export const SaveInvestigation = z.object({
  id: Id,
  version: wholeNumber({ min: 1 }),
  assistantId: z.string().max(64).nullable(),
  form: z.record(z.string().max(40), z.string().max(2000)),
});

export const ListApplications = z.object({
  status: ApplicationState.optional(),
  variant: ApplicationVariant.optional(),
  productCode: z.string().max(32).optional(),
  orgId: z.string().max(64).optional(),
  customerId: Id.optional(),
  /** Created on or after / before (dates, `YYYY-MM-DD`). */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  q: z.string().trim().max(64).optional(),
  page: wholeNumber({ min: 1, max: 100000 }).default(1),
  pageSize: wholeNumber({ min: 1, max: 100 }).default(20),
});

/** A file kept with an application or an authorisation (photos, scans, statements). */
export const Attachment = z.object({
  id: z.string(),
  kind: z.enum(['bureau_authorization', 'id_card', 'income', 'assets', 'business', 'photo', 'other']),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedByName: z.string(),
  uploadedAt: IsoDateTime,
});
export type Attachment = z.infer<typeof Attachment>;

/** What may be uploaded: a picture or a PDF, up to 512 KB (base64 in the body). */
export const Upload = z.object({
  kind: Attachment.shape.kind,
  filename: z.string().trim().min(1).max(128),
  mime: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  base64: z.string().max(700_000, 'at most 512 KB'),
});

/** A document for download (PDF, spreadsheet), base64. */
export const FileDownload = z.object({ filename: z.string(), mime: z.string(), base64: z.string() });

export const StatsQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export const CreditStats = z.object({
  byStatus: z.array(z.object({ status: ApplicationState, count: z.number().int() })),
  byProduct: z.array(
    z.object({
      productCode: z.string(),
      productName: z.string(),
      count: z.number().int(),
      amount: z.string(),
    }),
  ),
  byBranch: z.array(
    z.object({ orgId: z.string(), orgName: z.string(), count: z.number().int(), approved: z.number().int() }),
  ),
  /** Approved / decided (approved + rejected), as a decimal string 0-1, or null with none decided. */
  approvalRate: z.string().nullable(),
  daysPerStep: z.array(z.object({ state: ApplicationState, avgDays: z.string(), count: z.number().int() })),
});
