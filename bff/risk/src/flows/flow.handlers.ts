import { decideCall, flowApi } from '@zhanye/contracts';
import { answer, InputError, route } from '@zhanye/kit';
import type { FlowService } from './flow.service.ts';

export function flowRoutes(s: FlowService) {
  return [
    route(flowApi.listFlows, ({ caller }) => s.list(caller)),
    route(flowApi.createFlow, ({ caller, input }) => s.create(caller, input)),
    route(flowApi.getFlow, ({ caller, input }) => s.get(caller, input.name)),
    route(flowApi.getVersion, ({ caller, input }) => s.version(caller, input.name, input.version)),
    route(flowApi.createVersion, ({ caller, input }) => s.createVersion(caller, input)),
    route(flowApi.saveCases, ({ caller, input }) =>
      s.saveCases(caller, input.name, input.version, input.cases),
    ),
    route(flowApi.testVersion, ({ caller, input }) => s.test(caller, input.name, input.version)),
    route(flowApi.publishVersion, ({ caller, input }) => s.publish(caller, input)),
    route(flowApi.canary, ({ caller, input }) => s.canary(caller, input)),
    route(flowApi.rollback, ({ caller, input }) => s.rollback(caller, input)),
    route(flowApi.simulate, ({ caller, input }) => s.simulate(caller, input)),
    route(flowApi.diff, ({ caller, input }) => s.diff(caller, input.name, input.from, input.to)),
    route(flowApi.listRuns, ({ caller, input }) => s.runs(caller, input)),
    route(flowApi.getRun, ({ caller, input }) => s.run(caller, input.id)),
    route(flowApi.replayRun, ({ caller, input }) => s.replay(caller, input.id, input.version)),
  ];
}

export function flowAnswers(s: FlowService) {
  return [
    answer(decideCall, async ({ caller, input, log }) => {
      // a run is kept in its caller's bank and org: a principal of no bank has none
      if (caller.dataScope === 'all' || caller.orgPath === '/') {
        throw new InputError('invalid caller', {
          caller: ['must be a principal of a bank and org (the run is kept there)'],
        });
      }
      const out = await s.decide(caller, {
        name: input.name,
        subjectRef: input.subjectRef,
        input: input.input,
        ...(input.asOf ? { asOf: new Date(input.asOf) } : {}),
      });
      log.info(
        {
          audit: 'risk.decide',
          user: caller.userId,
          subjectRef: input.subjectRef,
          decisionId: out.runId,
          flow: `${out.name}@${out.version}`,
        },
        'decided',
      );
      return { ...out, runId: out.runId! };
    }),
  ];
}
