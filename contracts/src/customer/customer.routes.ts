import { z } from 'zod';
import { defineApi, Id, Page, PageSize, paged } from '../http.ts';
import { customerPermissions as Permissions } from './customer.permissions.ts';
import { CreateCustomer, Customer360, CustomerSummary, TimelineEntry } from './customer.schema.ts';

export const customerApi = defineApi('customer', {
  list: {
    method: 'GET',
    path: '/customers',
    input: z.object({ q: z.string().trim().max(64).optional(), page: Page, pageSize: PageSize }),
    output: paged(CustomerSummary),
    permission: Permissions.customerRead,
    summary:
      'Search customers in the caller’s data scope: a name prefix, or a whole mobile or resident ID number (exact, never part of one)',
  },
  create: {
    method: 'POST',
    path: '/customers',
    input: CreateCustomer,
    output: CustomerSummary,
    permission: Permissions.customerCreate,
    summary: 'Register a customer, owned by the caller, in the caller’s org',
  },
  get: {
    method: 'GET',
    path: '/customers/:id',
    input: z.object({ id: Id }),
    output: Customer360,
    permission: Permissions.customerRead,
    summary: 'Customer 360 header',
  },
  timeline: {
    method: 'GET',
    path: '/customers/:id/timeline',
    input: z.object({ id: Id }),
    output: z.object({ items: z.array(TimelineEntry) }),
    permission: Permissions.customerRead,
    summary: 'The customer’s journey timeline, newest first',
  },
});
