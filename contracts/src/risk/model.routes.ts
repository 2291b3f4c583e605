import { z } from 'zod';
import { defineApi } from '../http.ts';
import { ModelCode, ModelMonitoring, ModelStatus, RiskModel } from './model.schema.ts';
import { riskPermissions as P } from './risk.permissions.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/**
 * The models register. Models are the union's (every bank runs them); monitoring reads the runs of
 * the caller's bank (union staff: every bank's). Editing owner, status and description is audited.
 */
export const modelApi = defineApi(
  'risk',
  {
    listModels: {
      method: 'GET',
      path: '/models',
      input: z.object({}),
      output: z.object({ items: z.array(RiskModel) }),
      permission: P.modelRead,
      summary: 'The models in use, with the flow version answering for each',
    },
    getModel: {
      method: 'GET',
      path: '/models/:code',
      input: z.object({ code: ModelCode }),
      output: RiskModel,
      permission: P.modelRead,
      summary: 'One model',
    },
    modelMonitoring: {
      method: 'GET',
      path: '/models/:code/monitoring',
      input: z
        .object({ code: ModelCode, from: Day.optional(), to: Day.optional() })
        .refine((v) => !v.from || !v.to || v.from <= v.to, {
          message: 'from must not be after to',
          path: ['to'],
        }),
      output: ModelMonitoring,
      permission: P.modelRead,
      summary:
        'Approval rate per day and flow version, and PSI of the score and watched fields of each version (baseline: its first runs; recent: the window)',
    },
    updateModel: {
      method: 'PUT',
      path: '/models/:code',
      input: z.object({
        code: ModelCode,
        owner: z.string().trim().min(1).max(64),
        status: ModelStatus,
        description: z.string().trim().max(500).default(''),
      }),
      output: RiskModel,
      permission: P.modelManage,
      summary: 'Change a model’s owner, status or description (union risk staff; audited)',
    },
  },
  { unionWrites: true },
);
