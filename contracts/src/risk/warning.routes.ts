import { z } from 'zod';
import { defineApi, Id, Page, PageSize, paged } from '../http.ts';
import { riskPermissions as P } from './risk.permissions.ts';
import {
  Severity,
  SignalKind,
  WarningDetail,
  WarningRule,
  WarningRuleInput,
  WarningStatus,
  WarningSummary,
} from './warning.schema.ts';

const Version = z.number().int().min(0);

export const warningApi = defineApi('risk', {
  listWarnings: {
    method: 'GET',
    path: '/warnings',
    input: z.object({
      status: WarningStatus.optional(),
      severity: Severity.optional(),
      kind: SignalKind.optional(),
      /** Only direct hits (true) or only warnings that travelled along relations (false). */
      direct: z.enum(['true', 'false']).optional(),
      page: Page,
      pageSize: PageSize,
    }),
    output: paged(WarningSummary),
    permission: P.warningRead,
    summary: 'Risk warnings in the caller’s scope (a manager: their customers’), newest first',
  },
  getWarning: {
    method: 'GET',
    path: '/warnings/:id',
    input: z.object({ id: Id }),
    output: WarningDetail,
    permission: P.warningRead,
    summary: 'One warning with the path it travelled, the relation graph around it and its steps',
  },
  acknowledgeWarning: {
    method: 'POST',
    path: '/warnings/:id/acknowledge',
    input: z.object({ id: Id, version: Version }),
    output: WarningSummary,
    permission: P.warningHandle,
    summary: 'The manager has seen the warning (new -> acknowledged)',
  },
  handleWarning: {
    method: 'POST',
    path: '/warnings/:id/handle',
    input: z.object({ id: Id, version: Version, note: z.string().trim().min(2).max(1000) }),
    output: WarningSummary,
    permission: P.warningHandle,
    summary: 'What was done about it (acknowledged -> handled), with a note',
  },
  closeWarning: {
    method: 'POST',
    path: '/warnings/:id/close',
    input: z.object({ id: Id, version: Version, note: z.string().trim().max(1000).optional() }),
    output: WarningSummary,
    permission: P.warningClose,
    summary: 'Risk staff close a handled warning (handled -> closed)',
  },
  listWarningRules: {
    method: 'GET',
    path: '/warning-rules',
    input: z.object({}),
    output: z.object({ items: z.array(WarningRule) }),
    permission: P.warningRead,
    summary: 'The bank’s warning rules (the standard set on first use)',
  },
  createWarningRule: {
    method: 'POST',
    path: '/warning-rules',
    input: WarningRuleInput,
    output: WarningRule,
    permission: P.warningRuleManage,
    summary: 'Adds a warning rule',
  },
  updateWarningRule: {
    method: 'PUT',
    path: '/warning-rules/:id',
    input: WarningRuleInput.extend({ id: Id, version: Version }),
    output: WarningRule,
    permission: P.warningRuleManage,
    summary: 'Changes a warning rule (409 when someone changed it since it was read)',
  },
  deleteWarningRule: {
    method: 'DELETE',
    path: '/warning-rules/:id',
    input: z.object({ id: Id }),
    output: z.object({ ok: z.literal(true) }),
    permission: P.warningRuleManage,
    summary: 'Removes a warning rule (warnings it raised stay)',
  },
});
