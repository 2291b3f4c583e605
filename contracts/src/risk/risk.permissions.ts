/** The risk console's permission codes. */
export const riskPermissions = {
  decisionRead: 'risk:decision:read',
  batchRead: 'risk:batch:read',
  batchCreate: 'risk:batch:create',
  batchControl: 'risk:batch:control',
  batchExport: 'risk:batch:export',
} as const;
