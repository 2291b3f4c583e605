import { z } from 'zod';
import { defineApi, Id, Page, PageSize, paged } from '../http.ts';
import {
  FeatureName,
  FlowDetail,
  FlowDiff,
  FlowName,
  FlowRun,
  FlowRunSummary,
  FlowSummary,
  FlowTestCase,
  FlowTestReport,
  FlowVersion,
  FlowVersionNo,
  JdmContent,
  ReplayResult,
  SimulateRequest,
  SimulateResult,
} from './flow.schema.ts';
import { riskPermissions as P } from './risk.permissions.ts';

const Note = z.string().trim().max(200).default('');
const NewVersion = {
  content: JdmContent,
  note: Note,
  /** The features the version reads (resolved through the feature factory before each decision). */
  features: z.array(FeatureName).max(100).default([]),
};

/**
 * Decision flows (决策流). The caller acts for its own owner: a bank's risk staff on the bank's own
 * flows, the union's risk staff (bank `*`) on the standard ones; every mutation is audited. Errors:
 * 404 unknown name or version (or one outside the caller's view), 409 with a `reason`
 * (`PUBLISH_GATE`, `NOT_DRAFT`, `CANARY_RUNNING`, `NO_STABLE`, `NOT_PUBLISHED`, `NAME_TAKEN`),
 * 403 `SEPARATION_OF_DUTIES` when the author of a version publishes it.
 */
export const flowApi = defineApi(
  'risk',
  {
    listFlows: {
      method: 'GET',
      path: '/flows',
      input: z.object({}),
      output: z.object({ items: z.array(FlowSummary) }),
      permission: P.flowRead,
      summary: 'Decision flows the caller’s bank uses: the union’s standard ones and the bank’s own',
    },
    createFlow: {
      method: 'POST',
      path: '/flows',
      input: z.object({
        name: FlowName,
        title: z.string().trim().min(1).max(100),
        description: z.string().trim().max(500).default(''),
        ...NewVersion,
      }),
      output: FlowVersion,
      permission: P.flowEdit,
      summary: 'A new flow with its first draft version (409 NAME_TAKEN when the name is in use)',
    },
    getFlow: {
      method: 'GET',
      path: '/flows/:name',
      input: z.object({ name: FlowName }),
      output: FlowDetail,
      permission: P.flowRead,
      summary: 'A flow: releases, versions (newest first) and release history',
    },
    getVersion: {
      method: 'GET',
      path: '/flows/:name/versions/:version',
      input: z.object({ name: FlowName, version: FlowVersionNo }),
      output: FlowVersion,
      permission: P.flowRead,
      summary: 'One version: JDM content, test cases, status, hash, author',
    },
    createVersion: {
      method: 'POST',
      path: '/flows/:name/versions',
      input: z.object({
        name: FlowName,
        ...NewVersion,
        /** Copy the test cases of this (visible) version into the new draft. */
        casesFrom: FlowVersionNo.optional(),
      }),
      output: FlowVersion,
      permission: P.flowEdit,
      summary:
        'Save a new draft version (versions never change once stored); a bank saving a standard flow starts its own',
    },
    saveCases: {
      method: 'PUT',
      path: '/flows/:name/versions/:version/cases',
      input: z.object({
        name: FlowName,
        version: FlowVersionNo,
        cases: z.array(FlowTestCase).max(200),
      }),
      output: FlowVersion,
      permission: P.flowEdit,
      summary: 'Replace a draft’s test cases (409 NOT_DRAFT once published)',
    },
    testVersion: {
      method: 'POST',
      path: '/flows/:name/versions/:version/test',
      input: z.object({ name: FlowName, version: FlowVersionNo }),
      output: FlowTestReport,
      permission: P.flowEdit,
      summary: 'Run a version’s test cases: pass or fail per case with the actual output',
    },
    publishVersion: {
      method: 'POST',
      path: '/flows/:name/versions/:version/publish',
      input: z.object({
        name: FlowName,
        version: FlowVersionNo,
        /** Publish as a canary beside the stable version for this percent of subjects. */
        canaryPercent: z.number().int().min(1).max(99).optional(),
        note: Note,
      }),
      output: FlowDetail,
      permission: P.flowPublish,
      summary:
        'The gate: the graph compiles, has cases and every case passes, else 409 PUBLISH_GATE naming why; not by its author',
    },
    canary: {
      method: 'POST',
      path: '/flows/:name/canary',
      input: z.object({
        name: FlowName,
        action: z.enum(['set', 'promote', 'abort']),
        /** For `set`: the new percent. */
        percent: z.number().int().min(1).max(99).optional(),
        note: Note,
      }),
      output: FlowDetail,
      permission: P.flowPublish,
      summary: 'Change the canary’s percent, promote it to stable (100%), or abort it',
    },
    rollback: {
      method: 'POST',
      path: '/flows/:name/rollback',
      input: z.object({ name: FlowName, toVersion: FlowVersionNo, note: Note }),
      output: FlowDetail,
      permission: P.flowPublish,
      summary: 'Make an earlier published version stable again (a running canary is aborted)',
    },
    simulate: {
      method: 'POST',
      path: '/flows/:name/simulate',
      input: SimulateRequest,
      output: SimulateResult,
      permission: P.flowRead,
      summary: 'Run any version on any input: output and the full trace node by node; nothing is kept',
    },
    diff: {
      method: 'GET',
      path: '/flows/:name/diff',
      input: z.object({ name: FlowName, from: FlowVersionNo, to: FlowVersionNo }),
      output: FlowDiff,
      permission: P.flowRead,
      summary: 'What changed between two versions: nodes, table rows, edges, features',
    },
    listRuns: {
      method: 'GET',
      path: '/runs',
      input: z.object({
        name: FlowName.optional(),
        subjectRef: z.string().max(128).optional(),
        page: Page,
        pageSize: PageSize,
      }),
      output: paged(FlowRunSummary),
      permission: P.decisionRead,
      summary: 'Decision runs of every flow in the caller’s scope, newest first',
    },
    getRun: {
      method: 'GET',
      path: '/runs/:id',
      input: z.object({ id: Id }),
      output: FlowRun,
      permission: P.decisionRead,
      summary: 'One run: version, hash, input, feature snapshot, output, trace, latency',
    },
    replayRun: {
      method: 'POST',
      path: '/runs/:id/replay',
      input: z.object({ id: Id, version: FlowVersionNo }),
      output: ReplayResult,
      permission: P.flowRead,
      summary:
        'Re-run a stored run’s input and feature snapshot on another version: both outputs and what changed',
    },
  },
  // the union's risk staff keep the standard flows (they write nothing of a bank's)
  { unionWrites: true },
);
