import { signalCall, warningApi } from '@zhanye/contracts';
import { answer, route } from '@zhanye/kit';
import type { WarningService } from './warning.service.ts';

export function warningRoutes(service: WarningService) {
  const a = warningApi;
  return [
    route(a.listWarnings, ({ caller, input }) => service.list(caller, input, input.page, input.pageSize)),
    route(a.getWarning, ({ caller, input }) => service.get(caller, input.id)),
    route(a.acknowledgeWarning, async ({ caller, clientIp, input, audit }) => {
      const r = await service.act({ caller, clientIp }, input.id, 'acknowledge', input.version);
      Object.assign(audit, { target: input.id, before: r.before, after: r.after });
      return r.after;
    }),
    route(a.handleWarning, async ({ caller, clientIp, input, audit }) => {
      const r = await service.act({ caller, clientIp }, input.id, 'handle', input.version, input.note);
      Object.assign(audit, { target: input.id, before: r.before, after: r.after });
      return r.after;
    }),
    route(a.closeWarning, async ({ caller, clientIp, input, audit }) => {
      const r = await service.act({ caller, clientIp }, input.id, 'close', input.version, input.note);
      Object.assign(audit, { target: input.id, before: r.before, after: r.after });
      return r.after;
    }),
    route(a.listWarningRules, ({ caller }) => service.listRules(caller)),
    route(a.createWarningRule, async ({ caller, input, audit }) => {
      const rule = await service.createRule(caller, input);
      Object.assign(audit, { target: rule.id, after: rule });
      return rule;
    }),
    route(a.updateWarningRule, async ({ caller, input, audit }) => {
      const { id, version, ...rule } = input;
      const r = await service.updateRule(caller, id, version, rule);
      Object.assign(audit, { target: id, before: r.before, after: r.after });
      return r.after;
    }),
    route(a.deleteWarningRule, async ({ caller, input, audit }) => {
      const before = await service.deleteRule(caller, input.id);
      Object.assign(audit, { target: input.id, before });
      return { ok: true as const };
    }),
  ];
}

export function warningAnswers(service: WarningService) {
  return [
    answer(signalCall, async ({ caller, input, log }) => {
      const out = await service.signal(caller.bankId, input);
      log.info(
        {
          audit: 'risk.signal',
          user: caller.userId,
          sourceId: input.sourceId,
          kind: input.kind,
          fresh: out.fresh,
          warnings: out.warningIds.length,
        },
        'signal taken',
      );
      return out;
    }),
  ];
}
