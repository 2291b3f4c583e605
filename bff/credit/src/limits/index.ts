import { customerLimitsCall, limitApi, releaseLimitCall, reserveLimitCall } from '@zhanye/contracts';
import { answer, route } from '@zhanye/kit';
import type { CreditPart, Limits, PartDeps, PartSchema } from '../ports.ts';
import { Limits1766400000000 } from './1766400000000-limits.ts';
import { renewalJob } from './limit.renewal.ts';
import { LimitService } from './limit.service.ts';

/** Limits, their ledger, adjustments, reserve and release, renewal (raw SQL: the ledger's conditional updates). */
export const limitsSchema: PartSchema = { entities: [], migrations: [Limits1766400000000] };

export { RENEWAL_JOB } from './limit.renewal.ts';

export function createLimits({ ds, bus, log }: PartDeps): CreditPart<Limits> {
  const limits = new LimitService(ds, bus, log);
  const routes = [
    route(limitApi.listLimits, ({ caller, input }) => limits.list(caller, input)),
    route(limitApi.getLimit, ({ caller, input }) => limits.detail(caller, input.id)),
    route(limitApi.limitOverview, ({ caller, input }) => limits.overview(caller, input.by)),
    route(limitApi.freezeLimit, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await limits.freeze(caller, deadline, input, false);
      Object.assign(audit, { before, after });
      return after;
    }),
    route(limitApi.unfreezeLimit, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await limits.freeze(caller, deadline, input, true);
      Object.assign(audit, { before, after });
      return after;
    }),
    route(limitApi.cancelLimit, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await limits.cancel(caller, deadline, input);
      Object.assign(audit, { before, after });
      return after;
    }),
    route(limitApi.transferLimit, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await limits.transfer(caller, deadline, input);
      Object.assign(audit, { before, after });
      return after;
    }),
    route(limitApi.listManagers, ({ caller, deadline }) => limits.managers(caller, deadline)),
    route(limitApi.requestAdjustment, async ({ caller, input, deadline, audit }) => {
      const { adjustment, before, after } = await limits.requestAdjustment(caller, deadline, input);
      Object.assign(audit, { before, after: { limit: after, adjustment } });
      return adjustment;
    }),
    route(limitApi.listAdjustments, ({ caller, input }) => limits.listAdjustments(caller, input.status)),
    route(limitApi.decideAdjustment, async ({ caller, input, deadline, audit }) => {
      const { before, after } = await limits.decideAdjustment(caller, deadline, input);
      Object.assign(audit, { target: input.id, before, after });
      return after;
    }),
  ];
  const internal = [
    answer(reserveLimitCall, ({ caller, input, deadline }) =>
      limits.move(caller, 'reserve', input, deadline),
    ),
    answer(releaseLimitCall, ({ caller, input, deadline }) =>
      limits.move(caller, 'release', input, deadline),
    ),
    answer(customerLimitsCall, async ({ caller, input }) => ({
      items: await limits.customerLimits(caller, input.customerId),
    })),
  ];
  return {
    routes,
    internal,
    jobs: [renewalJob(ds, bus)],
    port: { grant: (m, actor, application) => limits.grant(m, actor, application) },
  };
}
