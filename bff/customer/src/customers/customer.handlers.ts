import { randomUUID } from 'node:crypto';
import {
  customerApi,
  customerIdentityCall,
  lookupCustomerCall,
  Permissions,
  type Principal,
} from '@zhanye/contracts';
import {
  type AuditOutbox,
  answer,
  auditActor,
  type Bus,
  ForbiddenError,
  type Logger,
  NotFoundError,
  recordAudit,
  route,
} from '@zhanye/kit';
import type { TimelineRepository } from '../timeline/timeline.repository.ts';
import { type CustomerService, toSummary } from './customer.service.ts';

export function customerRoutes(service: CustomerService, timeline: TimelineRepository) {
  return [
    route(customerApi.list, ({ caller, input }) =>
      service.search(caller, input.q, input.page, input.pageSize),
    ),
    route(customerApi.create, async ({ caller, input, log }) => {
      const row = await service.create(caller, input);
      log.info({ audit: 'customer.create', customerId: row.id }, 'customer created');
      return toSummary(row);
    }),
    route(customerApi.get, async ({ caller, input }) => {
      const row = await service.get(caller, input.id);
      return {
        customer: toSummary(row),
        birthDate: row.birthDate,
        gender: row.gender,
        timelineCount: await timeline.countForCustomer(row.id),
      };
    }),
    route(customerApi.timeline, async ({ caller, input }) => {
      const row = await service.get(caller, input.id);
      const entries = await timeline.listForCustomer(row.id);
      return {
        items: entries.map((e) => ({
          id: e.id,
          kind: e.kind,
          title: e.title,
          detail: JSON.parse(e.detail) as Record<string, unknown>,
          occurredAt: e.occurredAt.toISOString(),
        })),
      };
    }),
  ];
}

/** The permission a full identity read needs (the contract's caller: a bureau query, under an authorisation). */
export const IDENTITY_PERMISSION = Permissions.bureauQuery;

/** Records a read of a customer's full identity (a sensitive read) in the audit log, whatever its answer. */
export type SensitiveReadLog = (
  caller: Principal,
  customerId: string,
  answer: { status: number; result: string },
) => Promise<void>;

/**
 * The audit record of a sensitive read goes through the service's outbox (durable before the
 * answer), like the kit's records of mutations; never with the ID number or phone.
 */
export function sensitiveReadLog(bus: Bus, log: Logger, outbox: AuditOutbox): SensitiveReadLog {
  return (caller, customerId, { status, result }) =>
    recordAudit(
      bus,
      log,
      {
        ...auditActor(caller),
        action: 'customer.identity',
        target: customerId,
        result,
        status,
        requestId: `svc-${randomUUID()}`,
        service: 'customer',
        input: { id: customerId },
      },
      outbox,
    );
}

export function customerAnswers(service: CustomerService, sensitiveRead: SensitiveReadLog) {
  return [
    answer(lookupCustomerCall, async ({ caller, input }) => {
      if (!caller.permissions.includes(Permissions.customerRead)) {
        throw new ForbiddenError(`requires permission ${Permissions.customerRead}`);
      }
      const row = await service.get(caller, input.id).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      });
      return { customer: row ? toSummary(row) : null };
    }),
    /**
     * A customer's full identity for a credit-bureau query: only to callers who may query the
     * bureau, only in their data scope (null outside it), every read audited and logged (without
     * the identity itself).
     */
    answer(customerIdentityCall, async ({ caller, input, log }) => {
      if (!caller.permissions.includes(IDENTITY_PERMISSION)) {
        await sensitiveRead(caller, input.id, { status: 403, result: 'FORBIDDEN' });
        log.warn(
          { audit: 'customer.identity', user: caller.userId, customerId: input.id, result: 'FORBIDDEN' },
          'identity read refused',
        );
        throw new ForbiddenError(`requires permission ${IDENTITY_PERMISSION}`);
      }
      const row = await service.get(caller, input.id).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      });
      await sensitiveRead(
        caller,
        input.id,
        row ? { status: 200, result: 'ok' } : { status: 404, result: 'NOT_FOUND' },
      );
      log.info(
        { audit: 'customer.identity', user: caller.userId, customerId: input.id, found: !!row },
        'identity read',
      );
      return {
        identity: row ? { id: row.id, name: row.name, idNumber: row.idNumber, phone: row.phone } : null,
      };
    }),
  ];
}
