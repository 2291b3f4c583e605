import { leadLookupCall, marketingApi, Permissions } from '@zhanye/contracts';
import { answer, ForbiddenError, type InternalHandler, type Route, route } from '@zhanye/kit';
import type { LeadService } from './lead.service.ts';

export function leadRoutes(leads: LeadService): Route[] {
  return [
    route(marketingApi.listLeads, ({ input, caller }) => leads.list(caller, input)),
    route(marketingApi.createLead, ({ input, caller, requestId, log }) =>
      leads.create({ caller, requestId, log }, input),
    ),
  ];
}

/** Who may fetch a lead: whoever reads leads, or takes credit applications (from a lead). */
const LEAD_LOOKUP_PERMISSIONS: readonly string[] = [Permissions.leadRead, Permissions.applicationCreate];

export function leadAnswers(leads: LeadService): InternalHandler[] {
  return [
    answer(leadLookupCall, async ({ caller, input, log }) => {
      if (!LEAD_LOOKUP_PERMISSIONS.some((p) => caller.permissions.includes(p))) {
        throw new ForbiddenError(`requires permission ${LEAD_LOOKUP_PERMISSIONS.join(' or ')}`);
      }
      const lead = await leads.find(caller, input.id);
      log.info(
        { audit: 'marketing.lead.lookup', user: caller.userId, leadId: input.id, found: !!lead },
        'lead looked up',
      );
      return { lead };
    }),
  ];
}
