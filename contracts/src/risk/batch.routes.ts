import { z } from 'zod';
import { FileDownload } from '../credit/credit.schema.ts';
import { defineApi, Id, Page, PageSize, paged } from '../http.ts';
import {
  BatchProgress,
  BatchResultRow,
  BatchRun,
  BatchRunStatus,
  BatchRunSummaryRow,
  BatchSummary,
  NewBatchRun,
} from './batch.schema.ts';
import { riskPermissions as P } from './risk.permissions.ts';

/** Rows per exported file part (a part travels as one reply). */
export const BATCH_EXPORT_PART_ROWS = 10_000;

export const batchApi = defineApi('risk', {
  createBatchRun: {
    method: 'POST',
    path: '/batch-runs',
    input: NewBatchRun,
    output: BatchRun,
    permission: P.batchCreate,
    summary:
      'Start a batch credit run over a population of the caller’s bank (an empty one finishes at once)',
  },
  listBatchRuns: {
    method: 'GET',
    path: '/batch-runs',
    input: z.object({ status: BatchRunStatus.optional(), page: Page, pageSize: PageSize }),
    output: paged(BatchRunSummaryRow),
    permission: P.batchRead,
    summary: 'Batch credit runs of the caller’s bank, newest first',
  },
  getBatchRun: {
    method: 'GET',
    path: '/batch-runs/:id',
    input: z.object({ id: Id }),
    output: BatchRun,
    permission: P.batchRead,
    summary: 'One batch run with its live progress and the commands the caller may issue',
  },
  batchRunProgress: {
    method: 'GET',
    path: '/batch-runs/:id/progress',
    input: z.object({ id: Id }),
    output: BatchProgress,
    permission: P.batchRead,
    summary: 'The live progress of a run (processed, approved, refused, rate, time left)',
  },
  pauseBatchRun: {
    method: 'POST',
    path: '/batch-runs/:id/pause',
    input: z.object({ id: Id, version: z.number().int() }),
    output: BatchRun,
    permission: P.batchControl,
    summary: 'Pause a run: copies stop taking its chunks; chunks in flight finish',
  },
  resumeBatchRun: {
    method: 'POST',
    path: '/batch-runs/:id/resume',
    input: z.object({ id: Id, version: z.number().int() }),
    output: BatchRun,
    permission: P.batchControl,
    summary: 'Resume a paused run where it stopped',
  },
  cancelBatchRun: {
    method: 'POST',
    path: '/batch-runs/:id/cancel',
    input: z.object({ id: Id, version: z.number().int() }),
    output: BatchRun,
    permission: P.batchControl,
    summary: 'Cancel a run: no more chunks are taken; what was decided stays',
  },
  batchResults: {
    method: 'GET',
    path: '/batch-runs/:id/results',
    input: z.object({
      id: Id,
      approved: z.enum(['yes', 'no']).optional(),
      page: Page,
      pageSize: PageSize,
    }),
    output: paged(BatchResultRow),
    permission: P.batchRead,
    summary: 'The decided customers of a run, a page at a time',
  },
  batchSummary: {
    method: 'GET',
    path: '/batch-runs/:id/summary',
    input: z.object({ id: Id }),
    output: BatchSummary,
    permission: P.batchRead,
    summary: 'Outcome counts, the limit histogram, grades and figures by branch',
  },
  exportBatchRun: {
    method: 'GET',
    path: '/batch-runs/:id/export',
    input: z.object({
      id: Id,
      format: z.enum(['xlsx', 'csv']).default('xlsx'),
      /** 1-based part of `BATCH_EXPORT_PART_ROWS` rows. */
      part: Page,
    }),
    output: FileDownload.extend({ part: z.number().int(), parts: z.number().int() }),
    permission: P.batchExport,
    summary: 'The pre-approved list (customer, limit, spread) as a spreadsheet, in parts',
  },
});
