/** The customer center's permission codes. */
export const customerPermissions = {
  customerRead: 'customer:read',
  customerCreate: 'customer:create',
} as const;
