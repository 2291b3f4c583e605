/** Marketing's permission codes. */
export const marketingPermissions = {
  leadRead: 'marketing:lead:read',
  leadCreate: 'marketing:lead:create',
} as const;
