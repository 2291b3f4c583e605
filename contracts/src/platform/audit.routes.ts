import { z } from 'zod';
import { defineApi } from '../http.ts';
import { AuditPage, AuditQuery, AuditVerification } from './audit.schema.ts';
import { platformPermissions as Permissions } from './platform.permissions.ts';

/** The audit log (platform service): read and verify; nobody writes it through the API. */
export const auditApi = defineApi(
  'platform',
  {
    auditLog: {
      method: 'GET',
      path: '/audit',
      input: AuditQuery,
      output: AuditPage,
      permission: Permissions.auditRead,
      summary:
        'Audit records, newest first, filtered; a bank admin sees their bank’s, scope `all` every bank’s',
    },
    verifyAudit: {
      method: 'GET',
      path: '/audit/verify',
      input: z.object({}),
      output: AuditVerification,
      permission: Permissions.auditRead,
      summary:
        'Recompute the hash chains (a bank admin: their bank’s; scope `all`: every chain); ok, or which chain breaks at which record (changed, removed or inserted)',
    },
  },
  // the platform’s own administration, release control and accounts: union staff act here too
  { unionWrites: true },
);
