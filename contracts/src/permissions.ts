/**
 * Permission codes. A role grants a set of these; every endpoint names the one it needs
 * (see each domain's `*.routes.ts`), and the server checks it on every call.
 */
export const Permissions = {
  customerRead: 'customer:read',
  customerCreate: 'customer:create',
  leadRead: 'marketing:lead:read',
  leadCreate: 'marketing:lead:create',
  applicationRead: 'credit:application:read',
  applicationCreate: 'credit:application:create',
  applicationSubmit: 'credit:application:submit',
  applicationApprove: 'credit:application:approve',
  decisionRead: 'risk:decision:read',
  /** Administration (shell admin pages). Each page has a read code, each button its own code. */
  userRead: 'platform:user:read',
  userCreate: 'platform:user:create',
  userUpdate: 'platform:user:update',
  /** Disable and enable an account; disabling ends its sessions. */
  userDisable: 'platform:user:disable',
  userUnlock: 'platform:user:unlock',
  /** Reset a password (ends the user's sessions, forces a change at next sign-in) or MFA. */
  userReset: 'platform:user:reset',
  roleRead: 'platform:role:read',
  roleManage: 'platform:role:manage',
  menuRead: 'platform:menu:read',
  menuManage: 'platform:menu:manage',
  orgRead: 'platform:org:read',
  orgManage: 'platform:org:manage',
  /** Banks (tenants) and their menu packages: the union's administrators only. */
  bankRead: 'platform:bank:read',
  bankManage: 'platform:bank:manage',
  sessionRead: 'platform:session:read',
  sessionRevoke: 'platform:session:revoke',
  releaseRead: 'platform:release:read',
  releaseManage: 'platform:release:manage',
  releaseApprove: 'platform:release:approve',
  devOverride: 'platform:dev-override',
  auditRead: 'platform:audit:read',
  auditExport: 'platform:audit:export',
} as const;

export type Permission = (typeof Permissions)[keyof typeof Permissions];
export const allPermissions: readonly Permission[] = Object.values(Permissions);

/**
 * How much of the bank's data a user sees: their own records, their org's, their org and its
 * sub-orgs, a set of orgs an admin picked (`custom`, see `Principal.scopeOrgIds`), the whole bank,
 * or every bank read-only (`all`, union staff).
 */
export const DataScopes = ['self', 'org', 'custom', 'orgAndBelow', 'bank', 'all'] as const;
export type DataScope = (typeof DataScopes)[number];
