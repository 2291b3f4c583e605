/** The risk console's permission codes. */
export const riskPermissions = {
  decisionRead: 'risk:decision:read',
  /** Feature factory: the catalogue, versions and distributions. */
  featureRead: 'risk:feature:read',
  /** Feature factory: create features, new versions, test-evaluate a draft. */
  featureWrite: 'risk:feature:write',
  /** Feature factory: compute one customer's features as of a date (personal data: scoped). */
  featureCompute: 'risk:feature:compute',
} as const;
