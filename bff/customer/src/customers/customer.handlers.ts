import { customerApi, lookupCustomerCall, Permissions } from '@zhanye/contracts';
import { answer, ForbiddenError, NotFoundError, route } from '@zhanye/kit';
import type { TimelineRepository } from '../timeline/timeline.repository.ts';
import { type CustomerService, toSummary } from './customer.service.ts';

export function customerRoutes(service: CustomerService, timeline: TimelineRepository) {
  return [
    route(customerApi.list, ({ caller, input }) =>
      service.search(caller, input.q, input.page, input.pageSize),
    ),
    route(customerApi.create, async ({ caller, input, log }) => {
      const row = await service.create(caller, input);
      log.info({ audit: 'customer.create', customerId: row.id }, 'customer created');
      return toSummary(row);
    }),
    route(customerApi.get, async ({ caller, input }) => {
      const row = await service.get(caller, input.id);
      return {
        customer: toSummary(row),
        birthDate: row.birthDate,
        gender: row.gender,
        timelineCount: await timeline.countForCustomer(row.id),
      };
    }),
    route(customerApi.timeline, async ({ caller, input }) => {
      const row = await service.get(caller, input.id);
      const entries = await timeline.listForCustomer(row.id);
      return {
        items: entries.map((e) => ({
          id: e.id,
          kind: e.kind,
          title: e.title,
          detail: JSON.parse(e.detail) as Record<string, unknown>,
          occurredAt: e.occurredAt.toISOString(),
        })),
      };
    }),
  ];
}

export function customerAnswers(service: CustomerService) {
  return [
    answer(lookupCustomerCall, async ({ caller, input }) => {
      if (!caller.permissions.includes(Permissions.customerRead)) {
        throw new ForbiddenError(`requires permission ${Permissions.customerRead}`);
      }
      const row = await service.get(caller, input.id).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      });
      return { customer: row ? toSummary(row) : null };
    }),
  ];
}
