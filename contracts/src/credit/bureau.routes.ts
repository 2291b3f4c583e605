import { z } from 'zod';
import { defineApi, Id } from '../http.ts';
import {
  BureauAuthorization,
  BureauQuery,
  BureauReport,
  CreateBureauAuthorization,
} from './bureau.schema.ts';
import { creditPermissions as P } from './credit.permissions.ts';

/** Credit-bureau authorisations (征信授权) and queries, under credit (`/api/credit/bureau/...`). */
export const bureauApi = defineApi('credit', {
  listAuthorizations: {
    method: 'GET',
    path: '/bureau/authorizations',
    input: z.object({ customerId: Id.optional() }),
    output: z.object({ items: z.array(BureauAuthorization) }),
    permission: P.applicationRead,
    summary: 'Bureau authorisations in the caller’s scope (newest first, at most 200), or one customer’s',
  },
  createAuthorization: {
    method: 'POST',
    path: '/bureau/authorizations',
    input: CreateBureauAuthorization,
    output: BureauAuthorization,
    permission: P.bureauAuthorize,
    summary: 'Record a signed authorisation (the scan is kept); a customer the caller cannot see is 404',
  },
  revokeAuthorization: {
    method: 'POST',
    path: '/bureau/authorizations/:id/revoke',
    input: z.object({ id: Id, reason: z.string().trim().min(1, 'required').max(200) }),
    output: BureauAuthorization,
    permission: P.bureauAuthorize,
    summary: 'Revoke an authorisation (no query may use it afterwards)',
  },
  queryReport: {
    method: 'POST',
    path: '/applications/:id/bureau-report',
    input: z.object({ id: Id }),
    output: BureauReport,
    permission: P.bureauQuery,
    summary:
      'Query the bureau for an application’s customer: refused (409 NO_AUTHORIZATION) without a valid authorisation for loan approval; every query logged',
  },
  getReport: {
    method: 'GET',
    path: '/bureau/reports/:id',
    input: z.object({ id: Id }),
    output: BureauReport,
    permission: P.applicationRead,
    summary: 'A bureau report kept with an application',
  },
  listQueries: {
    method: 'GET',
    path: '/bureau/queries',
    input: z.object({ customerId: Id.optional() }),
    output: z.object({ items: z.array(BureauQuery) }),
    permission: P.applicationRead,
    summary:
      'Bureau queries in the caller’s scope (newest first, at most 200), or every one for a customer: who, why, when',
  },
});
