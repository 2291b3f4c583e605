/** The platform's permission codes: administration (shell admin pages) and release control. */
export const platformPermissions = {
  /** Each admin page has a read code, each button its own code. */
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
