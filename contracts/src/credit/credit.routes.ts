import { z } from 'zod';
import { defineApi, Id, Page, PageSize, paged } from '../http.ts';
import { creditPermissions as Permissions } from './credit.permissions.ts';
import {
  ApplicationStatus,
  CreateApplication,
  CreditApplication,
  DecideApplication,
} from './credit.schema.ts';

export const creditApi = defineApi('credit', {
  listApplications: {
    method: 'GET',
    path: '/applications',
    input: z.object({ status: ApplicationStatus.optional(), page: Page, pageSize: PageSize }),
    output: paged(CreditApplication),
    permission: Permissions.applicationRead,
    summary: 'Credit applications in the caller’s data scope',
  },
  getApplication: {
    method: 'GET',
    path: '/applications/:id',
    input: z.object({ id: Id }),
    output: CreditApplication,
    permission: Permissions.applicationRead,
    summary: 'One credit application',
  },
  createApplication: {
    method: 'POST',
    path: '/applications',
    input: CreateApplication,
    output: CreditApplication,
    permission: Permissions.applicationCreate,
    summary: 'Take a credit application (draft) for a customer',
  },
  submitApplication: {
    method: 'POST',
    path: '/applications/:id/submit',
    input: z.object({ id: Id }),
    output: CreditApplication,
    permission: Permissions.applicationSubmit,
    summary: 'Submit a draft: risk pre-screens it; refused ones are rejected, others await approval',
  },
  approveApplication: {
    method: 'POST',
    path: '/applications/:id/approve',
    input: DecideApplication,
    output: CreditApplication,
    permission: Permissions.applicationApprove,
    summary: 'Approve (never by whoever took the application)',
  },
  rejectApplication: {
    method: 'POST',
    path: '/applications/:id/reject',
    input: DecideApplication,
    output: CreditApplication,
    permission: Permissions.applicationApprove,
    summary: 'Reject (never by whoever took the application)',
  },
});
