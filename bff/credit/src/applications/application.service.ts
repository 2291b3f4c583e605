import { randomUUID } from 'node:crypto';
import {
  type ApplicationStatus,
  applicationApproved,
  type CreateApplication,
  type CreditApplication,
  type CustomerSummary,
  normaliseMoney,
  type Principal,
  type prescreenCall,
  toFen,
} from '@zhanye/contracts';
import {
  appendEvent,
  ConflictError,
  Deadline,
  ForbiddenError,
  InputError,
  NotFoundError,
  ownedBy,
  transactionBefore,
} from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { ApplicationRow } from './application.entity.ts';
import type { ApplicationRepository } from './application.repository.ts';

/** The questions this service asks others; wired to NATS in `app.ts`, within the request's deadline. */
export interface CreditPorts {
  /** The customer, if it is in the caller's data scope; null otherwise. */
  lookupCustomer(id: string, caller: Principal, deadline: Deadline): Promise<CustomerSummary | null>;
  /** Risk's pre-screen decision, stored on risk's side under the returned id. */
  prescreen(
    input: z.input<(typeof prescreenCall)['input']>,
    caller: Principal,
    deadline: Deadline,
  ): Promise<z.output<(typeof prescreenCall)['output']>>;
  /** Called after a commit that wrote events to the outbox, so they are published now. */
  eventsCommitted(): void;
}

export function toApplication(row: ApplicationRow): CreditApplication {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    productCode: row.productCode,
    amount: row.amount,
    termMonths: row.termMonths,
    annualIncome: row.annualIncome,
    purpose: row.purpose,
    status: row.status,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    decisionId: row.decisionId,
    prescreenOutcome: row.prescreenOutcome,
    prescreenReasons: JSON.parse(row.prescreenReasons) as string[],
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decisionComment: row.decisionComment,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const invalidStatus = (action: string, expected: ApplicationStatus, row: ApplicationRow) =>
  new ConflictError(
    `only an application in ${expected} can be ${action}; this one is ${row.status}`,
    'INVALID_STATUS',
  );
const lostRace = () =>
  new ConflictError('the application was changed by someone else; reload it', 'CONCURRENT_UPDATE');

export class ApplicationService {
  constructor(
    private readonly ds: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly ports: CreditPorts,
  ) {}

  async list(caller: Principal, status: ApplicationStatus | undefined, page: number, pageSize: number) {
    const { items, total } = await this.applications.list(caller, status, page, pageSize);
    return { items: items.map(toApplication), total, page, pageSize };
  }

  /** An application outside the caller's scope is "not found": its existence is not revealed. */
  async get(caller: Principal, id: string, mode: 'read' | 'write' = 'read'): Promise<ApplicationRow> {
    const row = await this.applications.findInScope(caller, id, mode);
    if (!row) throw new NotFoundError('application not found');
    return row;
  }

  /**
   * Takes an application as a draft, owned by the caller, for a customer the caller can see.
   * Nothing is stored once the caller stopped waiting (`deadline`).
   */
  async create(
    caller: Principal,
    input: z.output<typeof CreateApplication>,
    deadline = Deadline.none,
  ): Promise<ApplicationRow> {
    const amount = this.money(input.amount, 'amount');
    const annualIncome = this.money(input.annualIncome, 'annualIncome');
    const customer = await this.ports.lookupCustomer(input.customerId, caller, deadline);
    if (!customer) throw new NotFoundError('customer not found');
    const now = new Date();
    const row: ApplicationRow = {
      id: randomUUID(),
      ...ownedBy(caller),
      customerId: customer.id,
      customerName: customer.name,
      productCode: input.productCode,
      amount,
      termMonths: input.termMonths,
      annualIncome,
      purpose: input.purpose,
      status: 'draft',
      createdBy: caller.userId,
      createdByName: caller.displayName,
      decisionId: null,
      prescreenOutcome: null,
      prescreenReasons: '[]',
      decidedBy: null,
      decidedByName: null,
      decisionComment: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await transactionBefore(this.ds, deadline, (m) => this.applications.insert(m, row));
    return row;
  }

  /**
   * Submits a draft: risk pre-screens it (outside any transaction: no lock is held across a
   * network call). A refusal rejects it with risk's reasons; pass and refer await approval.
   */
  async submit(caller: Principal, id: string, deadline = Deadline.none): Promise<ApplicationRow> {
    const row = await this.get(caller, id, 'write');
    if (row.status !== 'draft') throw invalidStatus('submitted', 'draft', row);
    const decision = await this.ports.prescreen(
      {
        subjectRef: `credit-application:${row.id}`,
        amountFen: toFen(row.amount),
        annualIncomeFen: toFen(row.annualIncome),
        termMonths: row.termMonths,
        productCode: row.productCode,
      },
      caller,
      deadline,
    );
    const moved = await transactionBefore(this.ds, deadline, (m) =>
      this.applications.transition(m, row.id, 'draft', row.version, {
        status: decision.outcome === 'refuse' ? 'rejected' : 'pending_approval',
        decisionId: decision.decisionId,
        prescreenOutcome: decision.outcome,
        prescreenReasons: JSON.stringify(decision.reasons),
        updatedAt: new Date(),
      }),
    );
    if (!moved) throw lostRace();
    return this.applications.findById(row.id);
  }

  /**
   * Approves or rejects an application awaiting approval. Whoever took it can never decide it
   * (separation of duties). The change applies only if nobody decided first (status + version),
   * and an approval writes its event to the outbox in the same transaction, which does not
   * commit once the caller stopped waiting (`deadline`).
   */
  async decide(
    caller: Principal,
    id: string,
    verdict: 'approve' | 'reject',
    comment: string,
    deadline = Deadline.none,
  ): Promise<ApplicationRow> {
    const row = await this.get(caller, id, 'write');
    if (row.createdBy === caller.userId) {
      throw new ForbiddenError('the person who took an application cannot decide it', 'SEPARATION_OF_DUTIES');
    }
    if (row.status !== 'pending_approval') {
      throw invalidStatus(verdict === 'approve' ? 'approved' : 'rejected', 'pending_approval', row);
    }
    await transactionBefore(this.ds, deadline, async (m) => {
      const moved = await this.applications.transition(m, row.id, 'pending_approval', row.version, {
        status: verdict === 'approve' ? 'approved' : 'rejected',
        decidedBy: caller.userId,
        decidedByName: caller.displayName,
        decisionComment: comment === '' ? null : comment,
        updatedAt: new Date(),
      });
      if (!moved) throw lostRace();
      if (verdict === 'approve') {
        await appendEvent(m, applicationApproved, row.bankId, {
          applicationId: row.id,
          customerId: row.customerId,
          amount: row.amount,
          termMonths: row.termMonths,
          productCode: row.productCode,
          approvedBy: caller.userId,
          approvedByName: caller.displayName,
        });
      }
    });
    if (verdict === 'approve') this.ports.eventsCommitted();
    return this.applications.findById(row.id);
  }

  /** Stored as DECIMAL(16,2) and sent to risk in integer fen: both must be exact. */
  private money(value: string, field: string): string {
    try {
      toFen(value);
      return normaliseMoney(value);
    } catch {
      throw new InputError('invalid input', {
        [field]: ['must be at most 90071992547409.91 with at most 2 decimals'],
      });
    }
  }
}
