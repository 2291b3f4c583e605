import { colleaguesCall, creditApi } from '@zhanye/contracts';
import { callService, type RequestContext, route } from '@zhanye/kit';
import type { ApplicationRow } from './application.entity.ts';
import { type Act, type ApplicationService, branchPath } from './application.service.ts';
import { evidencePdf, evidenceXlsx } from './evidence.ts';

const actor = (ctx: RequestContext<unknown>): Act => ({
  caller: ctx.caller,
  clientIp: ctx.clientIp,
  deadline: ctx.deadline,
});

/** The application's routes; each mutation notes the status before and after for the audit log. */
export function applicationRoutes(service: ApplicationService) {
  const out = async (ctx: RequestContext<unknown>, before: string | null, row: ApplicationRow) => {
    ctx.audit.before = before === null ? null : { status: before };
    ctx.audit.after = { status: row.status, version: row.version };
    return service.view(ctx.caller, row);
  };
  /** A step on one application: reads its status first, so the audit record has the before. */
  const stepped = async (ctx: RequestContext<{ id: string }>, run: () => Promise<ApplicationRow>) => {
    const before = await service.get(ctx.caller, ctx.input.id).catch(() => null);
    const row = await run();
    return out(ctx as RequestContext<unknown>, before?.status ?? null, row);
  };
  return [
    route(creditApi.listApplications, ({ caller, input }) => service.list(caller, input)),
    route(creditApi.getApplication, async ({ caller, input }) =>
      service.view(caller, await service.get(caller, input.id)),
    ),
    route(creditApi.createApplication, async (ctx) =>
      out(ctx, null, await service.create(actor(ctx), ctx.input, ctx.deadline)),
    ),
    route(creditApi.createApplications, async (ctx) => {
      const { groupId, rows } = await service.createMany(actor(ctx), ctx.input, ctx.deadline);
      ctx.audit.after = { groupId, ids: rows.map((r) => r.id) };
      return { groupId, items: await Promise.all(rows.map((r) => service.view(ctx.caller, r))) };
    }),
    route(creditApi.createSupplement, async (ctx) =>
      out(ctx, null, await service.createSupplement(actor(ctx), ctx.input, ctx.deadline)),
    ),
    route(creditApi.updateApplication, (ctx) => stepped(ctx, () => service.update(ctx.caller, ctx.input))),
    route(creditApi.submitApplication, (ctx) =>
      stepped(ctx, () => service.submit(actor(ctx), ctx.input.id, ctx.input.version, ctx.deadline)),
    ),
    route(creditApi.admitApplication, (ctx) =>
      stepped(ctx, () =>
        service.admission(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment, true),
      ),
    ),
    route(creditApi.refuseAdmission, (ctx) =>
      stepped(ctx, () =>
        service.admission(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment, false),
      ),
    ),
    route(creditApi.saveInvestigation, (ctx) =>
      stepped(ctx, () => service.saveInvestigation(actor(ctx), ctx.input)),
    ),
    route(creditApi.submitInvestigation, (ctx) =>
      stepped(ctx, () =>
        service.submitInvestigation(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment),
      ),
    ),
    route(creditApi.confirmInvestigation, (ctx) =>
      stepped(ctx, () =>
        service.assistant(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment, true),
      ),
    ),
    route(creditApi.returnToLead, (ctx) =>
      stepped(ctx, () =>
        service.assistant(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment, false),
      ),
    ),
    route(creditApi.completeApplication, (ctx) =>
      stepped(ctx, () => service.complete(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment)),
    ),
    route(creditApi.passReview, (ctx) =>
      stepped(ctx, () => service.pass(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment)),
    ),
    route(creditApi.approveApplication, (ctx) =>
      stepped(ctx, () => service.approve(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment)),
    ),
    route(creditApi.returnApplication, (ctx) =>
      stepped(ctx, () =>
        service.sendBack(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment, false),
      ),
    ),
    route(creditApi.rejectApplication, (ctx) =>
      stepped(ctx, () =>
        service.sendBack(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment, true),
      ),
    ),
    route(creditApi.withdrawApplication, (ctx) =>
      stepped(ctx, () => service.withdraw(actor(ctx), ctx.input.id, ctx.input.version, ctx.input.comment)),
    ),
    route(creditApi.applicationSteps, async ({ caller, input }) => ({
      items: await service.steps(caller, input.id),
    })),
    route(creditApi.exportEvidence, async ({ caller, input, audit }) => {
      const row = await service.get(caller, input.id);
      const [app, steps] = await Promise.all([service.view(caller, row), service.steps(caller, row.id)]);
      const name = `履职记录-${row.number ?? row.id}`;
      audit.after = { format: input.format, steps: steps.length };
      return input.format === 'pdf'
        ? {
            filename: `${name}.pdf`,
            mime: 'application/pdf',
            base64: (await evidencePdf(app, steps)).toString('base64'),
          }
        : {
            filename: `${name}.xlsx`,
            mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            base64: (await evidenceXlsx(app, steps)).toString('base64'),
          };
    }),
    route(creditApi.leadPrefill, ({ caller, input, deadline }) =>
      service.prefill(caller, input.id, deadline),
    ),
    route(creditApi.colleagues, async ({ caller, input }) => {
      const { users } = await callService(
        service.bus,
        colleaguesCall,
        { post: input.post, orgPath: branchPath(caller.orgPath) },
        caller,
        'credit',
      );
      return {
        items: users
          .filter((u) => u.userId !== caller.userId)
          .map((u) => ({ userId: u.userId, displayName: u.displayName, orgName: u.orgName })),
      };
    }),
    route(creditApi.myTodos, async ({ caller }) => ({ items: await service.myTodos(caller) })),
    route(creditApi.claimTodo, ({ caller, input }) => service.claim(caller, input.id)),
    route(creditApi.stats, ({ caller, input }) => service.stats(caller, input)),
  ];
}
