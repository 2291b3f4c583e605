import { randomUUID } from 'node:crypto';
import {
  type CreateLead,
  type CustomerSummary,
  type Lead,
  normaliseMoney,
  type Principal,
} from '@zhanye/contracts';
import { type Logger, NotFoundError, ownedBy } from '@zhanye/kit';
import type { z } from 'zod';
import type { LeadRow } from './lead.entity.ts';
import type { LeadQuery, LeadRepository } from './lead.repository.ts';

/** Asks the customer service whether a customer is in the caller's scope; null when it is not. */
export type CustomerLookup = (id: string, caller: Principal) => Promise<CustomerSummary | null>;

export interface Actor {
  caller: Principal;
  requestId: string;
  log: Logger;
}

export function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    product: row.product,
    expectedAmount: row.expectedAmount,
    source: row.source,
    status: row.status,
    note: row.note,
    ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The rules about leads. */
export class LeadService {
  constructor(
    private readonly leads: LeadRepository,
    private readonly lookupCustomer: CustomerLookup,
  ) {}

  /**
   * A lead for another service (credit takes an application from it): null when it does not exist
   * or is outside the caller's data scope, so its existence is not revealed.
   */
  async find(caller: Principal, id: string): Promise<Lead | null> {
    const row = await this.leads.findInScope(caller, id);
    return row ? toLead(row) : null;
  }

  async list(caller: Principal, q: LeadQuery) {
    const { rows, total } = await this.leads.list(caller, q);
    return { items: rows.map(toLead), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Records a lead for a customer the caller may see. The customer service decides visibility;
   * a customer of another bank or outside the caller's scope is "not found", never "forbidden".
   */
  async create({ caller, requestId, log }: Actor, input: z.output<typeof CreateLead>): Promise<Lead> {
    const customer = await this.lookupCustomer(input.customerId, caller);
    if (!customer) throw new NotFoundError('customer not found');
    const now = new Date();
    const row: LeadRow = {
      id: randomUUID(),
      ...ownedBy(caller),
      customerId: customer.id,
      customerName: customer.name,
      product: input.product,
      expectedAmount: normaliseMoney(input.expectedAmount),
      source: input.source,
      status: 'new',
      note: input.note,
      createdBy: caller.userId,
      createdAt: now,
      updatedAt: now,
    };
    await this.leads.insert(row);
    // the audit record is the service runtime's (every mutation); this is the operations log line
    log.info(
      {
        audit: 'marketing.lead.create',
        requestId,
        actor: caller.userId,
        bankId: caller.bankId,
        leadId: row.id,
        customerId: row.customerId,
        expectedAmount: row.expectedAmount,
      },
      'lead created',
    );
    return toLead(row);
  }
}
