import { marketingApi } from '@zhanye/contracts';
import { type Route, route } from '@zhanye/kit';
import type { LeadService } from './lead.service.ts';

export function leadRoutes(leads: LeadService): Route[] {
  return [
    route(marketingApi.listLeads, ({ input, caller }) => leads.list(caller, input)),
    route(marketingApi.createLead, ({ input, caller, requestId, log }) =>
      leads.create({ caller, requestId, log }, input),
    ),
  ];
}
