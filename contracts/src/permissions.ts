/**
 * How much of the bank's data a user sees: their own records, their org's, their org and its
 * sub-orgs, a set of orgs an admin picked (`custom`, see `Principal.scopeOrgIds`), the whole bank,
 * or every bank read-only (`all`, union staff).
 */
export const DataScopes = ['self', 'org', 'custom', 'orgAndBelow', 'bank', 'all'] as const;
export type DataScope = (typeof DataScopes)[number];
