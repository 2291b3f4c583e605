/** The risk console's permission codes. */
export const riskPermissions = {
  decisionRead: 'risk:decision:read',
} as const;
