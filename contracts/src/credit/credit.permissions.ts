/** Credit's permission codes (a role grants them; each endpoint and button names the one it needs). */
export const creditPermissions = {
  applicationRead: 'credit:application:read',
  applicationCreate: 'credit:application:create',
  applicationSubmit: 'credit:application:submit',
  applicationApprove: 'credit:application:approve',
} as const;
