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
  platformAdmin: 'platform:admin',
  releaseRead: 'platform:release:read',
  releaseManage: 'platform:release:manage',
  releaseApprove: 'platform:release:approve',
  devOverride: 'platform:dev-override',
  auditRead: 'platform:audit:read',
} as const;

export type Permission = (typeof Permissions)[keyof typeof Permissions];
export const allPermissions: readonly Permission[] = Object.values(Permissions);

/** How much of the bank's data a user sees. */
export const DataScopes = ['self', 'org', 'orgAndBelow', 'bank', 'all'] as const;
export type DataScope = (typeof DataScopes)[number];
