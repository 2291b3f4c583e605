import { prescreenCall, priceCall, renewalCall, riskApi } from '@zhanye/contracts';
import { answer, route } from '@zhanye/kit';
import type { DecisionService } from './decision.service.ts';

export function riskRoutes(service: DecisionService) {
  return [
    route(riskApi.listDecisions, ({ caller, input }) =>
      service.list(caller, input.subjectRef, input.page, input.pageSize),
    ),
    route(riskApi.getDecision, ({ caller, input }) => service.get(caller, input.id)),
    route(riskApi.listGraphs, () => service.listGraphs()),
  ];
}

export function riskAnswers(service: DecisionService) {
  return [
    answer(prescreenCall, async ({ caller, input, log }) => {
      const out = await service.prescreen(caller, input);
      log.info(
        {
          audit: 'risk.prescreen',
          user: caller.userId,
          subjectRef: input.subjectRef,
          decisionId: out.decisionId,
          outcome: out.outcome,
          graph: `${out.graphKey}@${out.graphVersion}`,
        },
        'pre-screen decided',
      );
      return out;
    }),
    answer(priceCall, async ({ caller, input, log }) => {
      const out = await service.price(caller, input);
      log.info(
        {
          audit: 'risk.price',
          user: caller.userId,
          subjectRef: input.subjectRef,
          decisionId: out.decisionId,
          spreadBps: out.spreadBps,
          graph: `${out.graphKey}@${out.graphVersion}`,
        },
        'rate priced',
      );
      return out;
    }),
    answer(renewalCall, async ({ caller, input, log }) => {
      const out = await service.renewal(caller, input);
      log.info(
        {
          audit: 'risk.renewal',
          user: caller.userId,
          subjectRef: input.subjectRef,
          decisionId: out.decisionId,
          renew: out.renew,
        },
        'renewal decided',
      );
      return out;
    }),
  ];
}
