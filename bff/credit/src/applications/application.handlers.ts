import { creditApi } from '@zhanye/contracts';
import { type Logger, route, toAppError } from '@zhanye/kit';
import type { ApplicationRow } from './application.entity.ts';
import { type ApplicationService, toApplication } from './application.service.ts';

/**
 * The audit trail for now (platform audit comes later): one line per mutation attempt, with the
 * request id, endpoint and user the runtime put on `log`, and how it ended.
 */
async function audited(
  log: Logger,
  action: string,
  target: string | null,
  run: () => Promise<ApplicationRow>,
) {
  try {
    const row = await run();
    log.info({ audit: action, applicationId: row.id, status: row.status, result: 'ok' }, action);
    return toApplication(row);
  } catch (e) {
    const err = toAppError(e);
    log.warn(
      { audit: action, applicationId: target, result: 'refused', code: err.code, reason: err.reason },
      action,
    );
    throw e;
  }
}

export function creditRoutes(service: ApplicationService) {
  return [
    route(creditApi.listApplications, ({ caller, input }) =>
      service.list(caller, input.status, input.page, input.pageSize),
    ),
    route(creditApi.getApplication, async ({ caller, input }) =>
      toApplication(await service.get(caller, input.id)),
    ),
    route(creditApi.createApplication, ({ caller, input, log, deadline }) =>
      audited(log, 'credit.application.create', null, () => service.create(caller, input, deadline)),
    ),
    route(creditApi.submitApplication, ({ caller, input, log, deadline }) =>
      audited(log, 'credit.application.submit', input.id, () => service.submit(caller, input.id, deadline)),
    ),
    route(creditApi.approveApplication, async ({ caller, input, log, audit, deadline }) => {
      const out = await audited(log, 'credit.application.approve', input.id, () =>
        service.decide(caller, input.id, 'approve', input.comment, deadline),
      );
      // decide() moves only a pending_approval application (checked with its version)
      audit.before = { status: 'pending_approval' };
      audit.after = { status: out.status, decidedBy: out.decidedBy };
      return out;
    }),
    route(creditApi.rejectApplication, ({ caller, input, log, deadline }) =>
      audited(log, 'credit.application.reject', input.id, () =>
        service.decide(caller, input.id, 'reject', input.comment, deadline),
      ),
    ),
  ];
}
