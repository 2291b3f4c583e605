import { z } from 'zod';
import { defineApi, Id, Page, PageSize, paged } from '../http.ts';
import { riskPermissions as Permissions } from './risk.permissions.ts';
import { DecisionGraph, DecisionRun, DecisionRunSummary } from './risk.schema.ts';

export const riskApi = defineApi('risk', {
  listDecisions: {
    method: 'GET',
    path: '/decisions',
    input: z.object({ subjectRef: z.string().max(64).optional(), page: Page, pageSize: PageSize }),
    output: paged(DecisionRunSummary),
    permission: Permissions.decisionRead,
    summary: 'Decision runs in the caller’s bank, newest first',
  },
  getDecision: {
    method: 'GET',
    path: '/decisions/:id',
    input: z.object({ id: Id }),
    output: DecisionRun,
    permission: Permissions.decisionRead,
    summary: 'One decision run with its input, output, graph version and trace',
  },
  listGraphs: {
    method: 'GET',
    path: '/graphs',
    input: z.object({}),
    output: z.object({ items: z.array(DecisionGraph) }),
    permission: Permissions.decisionRead,
    summary: 'Stored decision graphs and their versions',
  },
});
