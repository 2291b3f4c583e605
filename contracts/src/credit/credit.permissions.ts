/** Credit's permission codes (a role grants them; each endpoint and button names the one it needs). */
export const creditPermissions = {
  applicationRead: 'credit:application:read',
  /** Take an application (new, from a lead, several products at once) and withdraw one's own. */
  applicationCreate: 'credit:application:create',
  applicationSubmit: 'credit:application:submit',
  /** Investigate (lead or assistant investigator): the investigation form and attachments. */
  applicationInvestigate: 'credit:application:investigate',
  /** Manual admission (人工准入) of a referred application. */
  applicationAdmit: 'credit:application:admit',
  /** Review (审查): pass, return for more information, reject. */
  applicationReview: 'credit:application:review',
  /** Approve by authority, return or reject. */
  applicationApprove: 'credit:application:approve',
  /** Enter a credit granted offline (授信补录). */
  applicationSupplement: 'credit:application:supplement',
  /** Export an application's evidence chain (履职记录) as PDF or Excel. */
  evidenceExport: 'credit:evidence:export',
  /** Record a customer's credit-bureau authorisation (征信授权). */
  bureauAuthorize: 'credit:bureau:authorize',
  /** Query the credit bureau (needs a valid authorisation; every query is logged). */
  bureauQuery: 'credit:bureau:query',
  productRead: 'credit:product:read',
  /** Products, the LPR table. */
  productManage: 'credit:product:manage',
  /** Process-mode decision table and authority table. */
  ruleManage: 'credit:rule:manage',
  limitRead: 'credit:limit:read',
  /** Freeze, unfreeze, cancel, transfer, request an adjustment. */
  limitManage: 'credit:limit:manage',
  /** Approve a limit increase. */
  limitApprove: 'credit:limit:approve',
  statsRead: 'credit:stats:read',
  /** Scheduled jobs: see them, run one now. */
  jobManage: 'credit:job:manage',
} as const;
