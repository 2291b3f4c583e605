import {
  type ApiClient,
  type ApplicationAction,
  adminApi,
  type CreditApplication,
  catalogueApi,
  creditApi,
  type InputOf,
} from '@zhanye/contracts';

/**
 * The app's calls to the credit service (gateway prefix `/api/credit`), one small function each, so
 * pages read as what they do. Creates carry the form's `Idempotency-Key` (app-kit `SubmitKey`).
 */

export type ApplicationQuery = InputOf<typeof creditApi.listApplications>;
export type NewApplication = InputOf<typeof creditApi.createApplication>;
export type NewApplications = InputOf<typeof creditApi.createApplications>;
export type NewSupplement = InputOf<typeof creditApi.createSupplement>;
export type ApplicationChanges = InputOf<typeof creditApi.updateApplication>;
export type InvestigationReport = InputOf<typeof creditApi.saveInvestigation>;

export const listApplications = (api: ApiClient, query: ApplicationQuery, signal?: AbortSignal) =>
  api.call(creditApi.listApplications, query, { signal });

export const getApplication = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(creditApi.getApplication, { id }, { signal });

export const createApplication = (api: ApiClient, input: NewApplication, key: string) =>
  api.call(creditApi.createApplication, input, { idempotencyKey: key });

export const createApplications = (api: ApiClient, input: NewApplications, key: string) =>
  api.call(creditApi.createApplications, input, { idempotencyKey: key });

export const createSupplement = (api: ApiClient, input: NewSupplement, key: string) =>
  api.call(creditApi.createSupplement, input, { idempotencyKey: key });

export const updateApplication = (api: ApiClient, input: ApplicationChanges) =>
  api.call(creditApi.updateApplication, input);

export const saveInvestigation = (api: ApiClient, input: InvestigationReport) =>
  api.call(creditApi.saveInvestigation, input);

export const leadPrefill = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(creditApi.leadPrefill, { id }, { signal });

export const listColleagues = (api: ApiClient, signal?: AbortSignal) =>
  api.call(creditApi.colleagues, { post: 'investigator' }, { signal });

export const applicationSteps = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(creditApi.applicationSteps, { id }, { signal });

export const exportEvidence = (api: ApiClient, id: string, format: 'pdf' | 'xlsx') =>
  api.call(creditApi.exportEvidence, { id, format });

export const myTodos = (api: ApiClient, signal?: AbortSignal) => api.call(creditApi.myTodos, {}, { signal });

export const claimTodo = (api: ApiClient, id: string) => api.call(creditApi.claimTodo, { id });

export const creditStats = (api: ApiClient, range: InputOf<typeof creditApi.stats>, signal?: AbortSignal) =>
  api.call(creditApi.stats, range, { signal });

export const listProducts = (api: ApiClient, signal?: AbortSignal) =>
  api.call(catalogueApi.listProducts, { status: 'active' }, { signal });

/** A product at the version an application was taken under (its terms and investigation form). */
export const getProduct = (api: ApiClient, id: string, version: number, signal?: AbortSignal) =>
  api.call(catalogueApi.getProduct, { id, version }, { signal });

/** The org tree of the caller's bank (needs the platform's org permission; else the page does without). */
export const listOrgs = (api: ApiClient, signal?: AbortSignal) => api.call(adminApi.listOrgs, {}, { signal });

/** The steps a page runs as a button (edit and investigate are forms, queryBureau the bureau's). */
export type StepAction = Exclude<ApplicationAction, 'edit' | 'investigate' | 'queryBureau'>;

/** Steps whose comment is required (the reason is part of the record). */
export const COMMENT_REQUIRED: ReadonlySet<StepAction> = new Set([
  'admit',
  'refuseAdmission',
  'returnToLead',
  'return',
  'reject',
  'withdraw',
]);

/** Steps that end or turn down the application: their confirming button is red. */
export const DANGEROUS: ReadonlySet<StepAction> = new Set(['refuseAdmission', 'reject', 'withdraw']);

export const STEP_ACTIONS: readonly StepAction[] = [
  'submit',
  'admit',
  'refuseAdmission',
  'submitInvestigation',
  'confirmInvestigation',
  'returnToLead',
  'complete',
  'pass',
  'approve',
  'return',
  'reject',
  'withdraw',
];

/** Takes one step on the application as read (its `version`: 409 CONCURRENT_UPDATE when stale). */
export function runStep(
  api: ApiClient,
  action: StepAction,
  a: Pick<CreditApplication, 'id'> & { version: number },
  comment: string,
): Promise<CreditApplication> {
  const base = { id: a.id, version: a.version };
  const withComment = { ...base, comment };
  switch (action) {
    case 'submit':
      return api.call(creditApi.submitApplication, base);
    case 'admit':
      return api.call(creditApi.admitApplication, withComment);
    case 'refuseAdmission':
      return api.call(creditApi.refuseAdmission, withComment);
    case 'submitInvestigation':
      return api.call(creditApi.submitInvestigation, withComment);
    case 'confirmInvestigation':
      return api.call(creditApi.confirmInvestigation, withComment);
    case 'returnToLead':
      return api.call(creditApi.returnToLead, withComment);
    case 'complete':
      return api.call(creditApi.completeApplication, withComment);
    case 'pass':
      return api.call(creditApi.passReview, withComment);
    case 'approve':
      return api.call(creditApi.approveApplication, withComment);
    case 'return':
      return api.call(creditApi.returnApplication, withComment);
    case 'reject':
      return api.call(creditApi.rejectApplication, withComment);
    case 'withdraw':
      return api.call(creditApi.withdrawApplication, withComment);
  }
}

/** Saves a base64 file the service returned (evidence PDF / spreadsheet) through the browser. */
export function downloadBase64(file: { filename: string; mime: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
