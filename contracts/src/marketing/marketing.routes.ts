import { z } from 'zod';
import { defineApi, Id, Page, PageSize, paged } from '../http.ts';
import { marketingPermissions as Permissions } from './marketing.permissions.ts';
import { CreateLead, Lead } from './marketing.schema.ts';

export const marketingApi = defineApi('marketing', {
  listLeads: {
    method: 'GET',
    path: '/leads',
    input: z.object({ customerId: Id.optional(), page: Page, pageSize: PageSize }),
    output: paged(Lead),
    permission: Permissions.leadRead,
    summary: 'Leads in the caller’s data scope, newest first',
  },
  createLead: {
    method: 'POST',
    path: '/leads',
    input: CreateLead,
    output: Lead,
    permission: Permissions.leadCreate,
    summary: 'Record a lead for a customer in the caller’s scope',
  },
});
