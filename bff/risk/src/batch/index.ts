import { batchApi } from '@zhanye/contracts';
import { type Bus, type Logger, type Route, route } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { BatchFeatures, Flows } from '../ports.ts';
import { BatchService } from './batch.service.ts';
import { BatchWork, type BatchWorkOptions } from './batch.work.ts';
import { RiskBatch1767500000000 } from './migrations/1767500000000-batch.ts';
import { RiskSeedPreapproval1767500000100 } from './migrations/1767500000100-seed-preapproval.ts';

/** Batch credit's tables (raw SQL: multi-row inserts and the once-only chunk gate). */
export const batchSchema = {
  entities: [],
  migrations: [RiskBatch1767500000000, RiskSeedPreapproval1767500000100],
};

export { batchProgressBucket, batchStreamName, DEFAULT_WORK } from './batch.work.ts';
export { PREAPPROVAL_FEATURES } from './migrations/1767500000100-seed-preapproval.ts';

export interface BatchDeps {
  ds: DataSource;
  bus: Bus;
  log: Logger;
  features: BatchFeatures;
  flows: Pick<Flows, 'compile'>;
  work?: Partial<BatchWorkOptions>;
}

/** Batch credit (大数据批量授信): its routes, and the chunk worker every copy runs (`start` / `stop`). */
export function createBatch({ ds, bus, log, features, flows, work: opts }: BatchDeps) {
  const work = new BatchWork(ds, bus, log, features, flows, opts);
  const batch = new BatchService(ds, work, flows, bus, log);
  const routes: Route[] = [
    route(batchApi.createBatchRun, async ({ caller, clientIp, input, audit }) => {
      const run = await batch.create({ caller, clientIp }, input);
      Object.assign(audit, { target: run.id, after: { ...input, total: run.total, status: run.status } });
      return run;
    }),
    route(batchApi.listBatchRuns, ({ caller, input }) => batch.list(caller, input)),
    route(batchApi.getBatchRun, ({ caller, input }) => batch.get(caller, input.id)),
    route(batchApi.batchRunProgress, ({ caller, input }) => batch.progress(caller, input.id)),
    ...(['pause', 'resume', 'cancel'] as const).map((command) =>
      route(
        command === 'pause'
          ? batchApi.pauseBatchRun
          : command === 'resume'
            ? batchApi.resumeBatchRun
            : batchApi.cancelBatchRun,
        async ({ caller, clientIp, input, audit }) => {
          const { before, after } = await batch.command(
            { caller, clientIp },
            command,
            input.id,
            input.version,
          );
          Object.assign(audit, {
            target: input.id,
            before: { status: before.status, processed: before.processed },
            after: { status: after.status, processed: after.processed },
          });
          return after;
        },
      ),
    ),
    route(batchApi.batchResults, ({ caller, input }) => batch.results(caller, input)),
    route(batchApi.batchSummary, ({ caller, input }) => batch.summary(caller, input.id)),
    route(batchApi.exportBatchRun, ({ caller, input }) => batch.export(caller, input)),
  ];
  return {
    routes,
    work,
    service: batch,
    start: () => work.start(),
    stop: () => work.stop(),
  };
}
