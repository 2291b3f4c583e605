import { z } from 'zod';
import { defineApi, Id, paged } from '../http.ts';
import { WorkflowStep } from '../workflow.ts';
import { creditPermissions as P } from './credit.permissions.ts';
import {
  Attachment,
  CreateApplication,
  CreateApplications,
  CreateSupplement,
  CreditApplication,
  CreditStats,
  FileDownload,
  ListApplications,
  SaveInvestigation,
  StatsQuery,
  UpdateApplication,
  Upload,
  WithComment,
  WithOptionalComment,
} from './credit.schema.ts';

/** A step on one application: its id and the version the caller read (409 when it changed). */
const step = <I extends z.ZodType>(path: string, input: I, permission: string, summary: string) =>
  ({
    method: 'POST',
    path: `/applications/:id/${path}`,
    input,
    output: CreditApplication,
    permission,
    summary,
  }) as const;

export const Todo = z.object({
  id: z.string(),
  kind: z.string(),
  titleKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  aggregateId: z.string(),
  state: z.string(),
  /** Waiting for the caller (claimed or addressed to them) or for their post. */
  mine: z.boolean(),
  link: z.object({ app: z.string(), path: z.string() }),
  dueAt: z.string().nullable(),
  openedAt: z.string(),
});
export type Todo = z.infer<typeof Todo>;

export const JobState = z.object({
  name: z.string(),
  cron: z.string(),
  nextRun: z.string().nullable(),
  last: z
    .object({
      period: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      outcome: z.enum(['ok', 'failed']).nullable(),
      detail: z.string().nullable(),
      durationMs: z.number().nullable(),
    })
    .nullable(),
});

export const creditApi = defineApi('credit', {
  listApplications: {
    method: 'GET',
    path: '/applications',
    input: ListApplications,
    output: paged(CreditApplication),
    permission: P.applicationRead,
    summary: 'Credit applications in the caller’s data scope, filtered, newest first',
  },
  getApplication: {
    method: 'GET',
    path: '/applications/:id',
    input: z.object({ id: Id }),
    output: CreditApplication,
    permission: P.applicationRead,
    summary: 'One credit application, with the actions the caller may take',
  },
  createApplication: {
    method: 'POST',
    path: '/applications',
    input: CreateApplication,
    output: CreditApplication,
    permission: P.applicationCreate,
    summary: 'Take an application (draft), for a customer or from a marketing lead (its data carried over)',
  },
  createApplications: {
    method: 'POST',
    path: '/applications/batch',
    input: CreateApplications,
    output: z.object({ groupId: z.string(), items: z.array(CreditApplication) }),
    permission: P.applicationCreate,
    summary: '一键多申: several products for one customer in one request (one draft each, one group)',
  },
  createSupplement: {
    method: 'POST',
    path: '/applications/supplementary',
    input: CreateSupplement,
    output: CreditApplication,
    permission: P.applicationSupplement,
    summary: '授信补录: enter a credit granted offline (draft, then approval at HQ)',
  },
  updateApplication: {
    method: 'PATCH',
    path: '/applications/:id',
    input: UpdateApplication,
    output: CreditApplication,
    permission: P.applicationCreate,
    summary: 'Change a draft (its manager)',
  },
  submitApplication: step(
    'submit',
    z.object({ id: Id, version: z.number().int().min(1) }),
    P.applicationSubmit,
    'Submit: bureau report, pre-screen and admission decide; filed, referred to manual admission, declined, or (online) approved',
  ),
  admitApplication: step(
    'admit',
    WithComment,
    P.applicationAdmit,
    '人工准入: admit a referred application, with the reason',
  ),
  refuseAdmission: step(
    'refuse-admission',
    WithComment,
    P.applicationAdmit,
    'Refuse a referred application, with the reason',
  ),
  saveInvestigation: {
    method: 'PUT',
    path: '/applications/:id/investigation',
    input: SaveInvestigation,
    output: CreditApplication,
    permission: P.applicationInvestigate,
    summary: 'The lead investigator saves the report (the product’s form) and names the assistant',
  },
  submitInvestigation: step(
    'investigation/submit',
    WithOptionalComment,
    P.applicationInvestigate,
    'The lead submits the investigation for the assistant to confirm',
  ),
  confirmInvestigation: step(
    'investigation/confirm',
    WithOptionalComment,
    P.applicationInvestigate,
    'The assistant confirms the investigation: it goes to review',
  ),
  returnToLead: step(
    'investigation/return',
    WithComment,
    P.applicationInvestigate,
    'The assistant returns it to the lead',
  ),
  completeApplication: step(
    'complete',
    WithOptionalComment,
    P.applicationInvestigate,
    '包办制: the manager completes it within the automated decision',
  ),
  passReview: step('pass', WithOptionalComment, P.applicationReview, 'Review passed: on to approval'),
  approveApplication: step(
    'approve',
    WithOptionalComment,
    P.applicationApprove,
    'Approve within one’s authority (beyond the branch’s it goes to HQ); the limit is granted on final approval',
  ),
  returnApplication: step(
    'return',
    WithComment,
    P.applicationReview,
    '退回补充: back to the investigators for more information, with a comment (reviewer or approver)',
  ),
  rejectApplication: step(
    'reject',
    WithComment,
    P.applicationReview,
    'Reject, with a comment (reviewer or approver)',
  ),
  withdrawApplication: step(
    'withdraw',
    WithComment,
    P.applicationCreate,
    'The applicant’s manager withdraws it',
  ),
  leadPrefill: {
    method: 'GET',
    path: '/leads/:id/prefill',
    input: z.object({ id: Id }),
    output: z.object({
      leadId: z.string(),
      customerId: z.string(),
      customerName: z.string(),
      /** The product the lead named, when the catalogue offers one of that name. */
      productId: z.string().nullable(),
      productName: z.string(),
      amount: z.string(),
      note: z.string(),
    }),
    permission: P.applicationCreate,
    summary: 'A marketing lead’s data for a new application (fetched from marketing by id)',
  },
  colleagues: {
    method: 'GET',
    path: '/colleagues',
    input: z.object({ post: z.enum(['investigator', 'account_manager']).default('investigator') }),
    output: z.object({
      items: z.array(z.object({ userId: z.string(), displayName: z.string(), orgName: z.string() })),
    }),
    permission: P.applicationInvestigate,
    summary: 'The caller’s branch colleagues who may assist an investigation',
  },
  applicationSteps: {
    method: 'GET',
    path: '/applications/:id/steps',
    input: z.object({ id: Id }),
    output: z.object({ items: z.array(WorkflowStep) }),
    permission: P.applicationRead,
    summary: '履职记录: every step taken, who, when, from where, on which data (with its SHA-256)',
  },
  exportEvidence: {
    method: 'POST',
    path: '/applications/:id/evidence',
    input: z.object({ id: Id, format: z.enum(['pdf', 'xlsx']) }),
    output: FileDownload,
    permission: P.evidenceExport,
    summary: 'The evidence chain as a PDF or a spreadsheet, for an inspector',
  },
  listAttachments: {
    method: 'GET',
    path: '/applications/:id/attachments',
    input: z.object({ id: Id }),
    output: z.object({ items: z.array(Attachment) }),
    permission: P.applicationRead,
    summary: 'The files kept with an application',
  },
  addAttachment: {
    method: 'POST',
    path: '/applications/:id/attachments',
    input: Upload.extend({ id: Id }),
    output: Attachment,
    permission: P.applicationInvestigate,
    summary: 'Keep a file with an application (an investigator, while investigating)',
  },
  getAttachment: {
    method: 'GET',
    path: '/attachments/:id',
    input: z.object({ id: Id }),
    output: FileDownload,
    permission: P.applicationRead,
    summary: 'One file (within the caller’s scope)',
  },
  myTodos: {
    method: 'GET',
    path: '/todos',
    input: z.object({}),
    output: z.object({ items: z.array(Todo) }),
    permission: P.applicationRead,
    summary: '我的待办: the steps waiting for the caller or for their post in their org',
  },
  claimTodo: {
    method: 'POST',
    path: '/todos/:id/claim',
    input: z.object({ id: Id }),
    output: Todo,
    permission: P.applicationRead,
    summary: 'Take a post’s to-do: it then waits for the caller only (409 when someone took it)',
  },
  stats: {
    method: 'GET',
    path: '/stats',
    input: StatsQuery,
    output: CreditStats,
    permission: P.statsRead,
    summary: 'Applications by status, product and branch; approval rate; days per step (caller’s scope)',
  },
});

/**
 * Credit's scheduled jobs (the limit renewal): they run for every bank at once, so a bank's credit
 * admin sees how they went and the union's operators run one by hand (a bank's user: 403
 * `UNION_ONLY`).
 */
export const creditJobsApi = defineApi(
  'credit',
  {
    listJobs: {
      method: 'GET',
      path: '/jobs',
      input: z.object({}),
      output: z.object({ items: z.array(JobState) }),
      permission: P.jobManage,
      summary: 'Credit’s scheduled jobs: last run, next run, outcome',
    },
    runJob: {
      method: 'POST',
      path: '/jobs/:name/run',
      input: z.object({
        name: z.string().max(64),
        period: z.string().max(32).optional(),
        again: z.boolean().default(false),
      }),
      output: z.object({
        period: z.string(),
        state: z.enum(['ran', 'done', 'running']),
        outcome: z.enum(['ok', 'failed']).nullable(),
        detail: z.string().nullable(),
      }),
      permission: P.jobManage,
      summary:
        'Run a job now for a period (default today); `again` reruns a failed period (the union’s operators)',
    },
  },
  { unionWrites: true },
);
