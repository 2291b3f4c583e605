import { randomUUID } from 'node:crypto';
import {
  type ApplicationAction,
  type ApplicationCommand,
  type ApplicationStateName,
  type ApplicationVariantName,
  applicationApproved,
  applicationMachine,
  applicationRejected,
  type CreateApplication,
  type CreateApplications,
  type CreateSupplement,
  type CreditApplication,
  type CustomerSummary,
  colleaguesCall,
  compareMoney,
  type ListApplications,
  leadLookupCall,
  lookupCustomerCall,
  money,
  normaliseMoney,
  orgTreeCall,
  Permissions as P,
  type Principal,
  type Product,
  prescreenCall,
  type RateBasis,
  type SaveInvestigation,
  type StatsQuery,
  toFen,
  type UpdateApplication,
} from '@zhanye/contracts';
import {
  type Actor,
  appendEvent,
  type Bus,
  ConflictError,
  callService,
  Deadline,
  ForbiddenError,
  InputError,
  NotFoundError,
  ownedBy,
  scopedQuery,
  scopeSql,
  type TodoSpec,
  Todos,
  transactionBefore,
  Workflow,
} from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Bureau, Catalogue, Limits } from '../ports.ts';
import { ApplicationEntity, type ApplicationRow } from './application.entity.ts';

type State = ApplicationStateName;
type Variant = ApplicationVariantName;
type Investigation = NonNullable<CreditApplication['investigation']>;
type Approval = CreditApplication['approvals'][number];

export const AGGREGATE = 'credit.application';

/** Who acts, from where, and until when they wait (work past the deadline does not commit). */
export type Act = Actor & { deadline?: Deadline };
const dl = (a: Act) => a.deadline ?? Deadline.none;

export interface ApplicationDeps {
  ds: DataSource;
  bus: Bus;
  catalogue: Catalogue;
  bureau: Bureau;
  limits: Limits;
  /** Called after a commit that wrote events, so the outbox publishes them now. */
  eventsCommitted: () => void;
}

const parse = <T>(json: string | null): T | null => (json ? (JSON.parse(json) as T) : null);
const iso = (d: Date | string) => new Date(d).toISOString();
const has = (caller: Principal, code: string) => caller.permissions.includes(code);

/** The org paths an application's steps are routed to: its branch, the head office, a division. */
export function branchPath(orgPath: string): string {
  const seg = orgPath.split('/').filter(Boolean);
  return `/${seg.slice(0, Math.min(seg.length, 3)).join('/')}/`;
}
export function hqPath(orgPath: string): string {
  const seg = orgPath.split('/').filter(Boolean);
  return `/${seg.slice(0, 2).join('/')}/`;
}

export function toApplication(row: ApplicationRow, actions: ApplicationAction[]): CreditApplication {
  const prescreen =
    row.decisionId && row.prescreenOutcome
      ? {
          decisionId: row.decisionId,
          outcome: row.prescreenOutcome as 'pass' | 'refer' | 'refuse',
          reasons: JSON.parse(row.prescreenReasons) as string[],
        }
      : null;
  return {
    id: row.id,
    number: row.number,
    groupId: row.groupId,
    customerId: row.customerId,
    customerName: row.customerName,
    segment: row.segment as CreditApplication['segment'],
    leadId: row.leadId,
    productId: row.productId,
    productCode: row.productCode,
    productName: row.productName,
    productVersion: row.productVersion,
    amount: normaliseMoney(String(row.amount)),
    termMonths: row.termMonths,
    repaymentMethod: row.repaymentMethod as CreditApplication['repaymentMethod'],
    guaranteeType: row.guaranteeType as CreditApplication['guaranteeType'],
    annualIncome: normaliseMoney(String(row.annualIncome)),
    purpose: row.purpose,
    channel: row.channel as CreditApplication['channel'],
    variant: row.variant as Variant | null,
    approvalLevel: row.approvalLevel as CreditApplication['approvalLevel'],
    status: row.status,
    rate: parse<RateBasis>(row.rate),
    prescreen,
    admission: parse(row.admission),
    bureauReportId: row.bureauReportId,
    investigation: parse<Investigation>(row.investigation),
    reviewer: parse(row.reviewer),
    approvals: parse<Approval[]>(row.approvals) ?? [],
    supplement: parse(row.supplement),
    limitId: row.limitId,
    ownerId: row.ownerId,
    ownerName: row.ownerName || row.createdByName,
    orgId: row.orgId,
    orgName: row.orgName,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    actions,
  };
}

const sod = (rule: string, message: string) => new ForbiddenError(message, rule);

/**
 * The credit application's life cycle (issue 9): taking, submitting (bureau report, pre-screen,
 * admission, process mode), manual admission, investigation by a lead and an assistant, review,
 * approval by authority, return, reject, withdraw, supplementary entry; every status change goes
 * through the declared machine (`applicationMachine`) and leaves evidence; each waiting state opens
 * its to-do. Guards run here, on the server: permission, the to-do (post and org, or person),
 * separation of duties (taker, investigators, reviewer, approvers all different people) and authority.
 */
export class ApplicationService {
  readonly wf = new Workflow(applicationMachine, {
    domain: 'credit',
    aggregate: AGGREGATE,
    table: 'credit_application',
  });
  readonly todos = new Todos('credit');
  private divisionCache = new Map<string, { path: string; at: number }>();

  constructor(private readonly d: ApplicationDeps) {}

  get bus() {
    return this.d.bus;
  }

  /**
   * How the files and bureau parts find an application in the caller's scope (404 outside it);
   * for `write`, files and queries are taken only while it is not finished (409 naming the state).
   */
  resolver() {
    return async (caller: Principal, id: string, mode: 'read' | 'write') => {
      const row = await this.get(caller, id, mode);
      if (mode === 'write' && applicationMachine.final.includes(row.status)) {
        throw new ConflictError(
          `files and bureau queries are not possible while the application is ${row.status}`,
          'INVALID_TRANSITION',
        );
      }
      return {
        id: row.id,
        bankId: row.bankId,
        orgId: row.orgId,
        orgPath: row.orgPath,
        ownerId: row.ownerId,
        customerId: row.customerId,
        status: row.status,
        label: `授信申请 ${row.number ?? ''} ${row.productName}`.replace(/\s+/g, ' ').trim(),
      };
    };
  }

  /** A report queried on the application's page becomes the one it shows. */
  async reportKept(m: EntityManager, applicationId: string, reportId: string) {
    await m.query('UPDATE credit_application SET bureau_report_id = ? WHERE id = ?', [
      reportId,
      applicationId,
    ]);
  }

  /** A lead's data for a new application: its customer, amount, and the product it named. */
  async prefill(caller: Principal, leadId: string, deadline = Deadline.none) {
    const lead = await this.lead(caller, leadId, deadline);
    const products = await this.d.catalogue.products(caller);
    const product = products.find((p) => p.name === lead.product) ?? null;
    return {
      leadId: lead.id,
      customerId: lead.customerId,
      customerName: lead.customerName,
      productId: product?.id ?? null,
      productName: lead.product,
      amount: normaliseMoney(lead.expectedAmount),
      note: lead.note,
    };
  }

  // ---- reads

  async get(caller: Principal, id: string, mode: 'read' | 'write' = 'read'): Promise<ApplicationRow> {
    const row = await scopedQuery(this.d.ds, ApplicationEntity, 'a', caller, mode)
      .andWhere('a.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError('application not found');
    return row;
  }

  async view(caller: Principal, row: ApplicationRow): Promise<CreditApplication> {
    return toApplication(row, this.actions(caller, row));
  }

  async list(caller: Principal, input: z.output<typeof ListApplications>) {
    const qb = scopedQuery(this.d.ds, ApplicationEntity, 'a', caller);
    if (input.status) qb.andWhere('a.status = :status', { status: input.status });
    if (input.variant) qb.andWhere('a.variant = :variant', { variant: input.variant });
    if (input.productCode) qb.andWhere('a.productCode = :pc', { pc: input.productCode });
    if (input.orgId) qb.andWhere('a.orgId = :org', { org: input.orgId });
    if (input.customerId) qb.andWhere('a.customerId = :cid', { cid: input.customerId });
    if (input.from) qb.andWhere('a.createdAt >= :from', { from: `${input.from} 00:00:00` });
    if (input.to) qb.andWhere('a.createdAt < DATE_ADD(:to, INTERVAL 1 DAY)', { to: input.to });
    if (input.q) {
      qb.andWhere('(a.customerName = :q OR a.number = :q)', { q: input.q });
    }
    const [rows, total] = await qb
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((input.page - 1) * input.pageSize)
      .take(input.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((r) => toApplication(r, this.actions(caller, r))),
      total,
      page: input.page,
      pageSize: input.pageSize,
    };
  }

  /** What the caller may do now; the server checks each again when it is done. */
  actions(caller: Principal, row: ApplicationRow): ApplicationAction[] {
    const out: ApplicationAction[] = [];
    const owner = row.ownerId === caller.userId;
    const s = row.status;
    const active = !applicationMachine.final.includes(s);
    const waitsFor = (a: TodoSpec['assignee'] | null) =>
      a !== null &&
      ('userId' in a
        ? a.userId === caller.userId
        : (caller.posts ?? []).includes(a.post) && caller.orgPath === a.orgPath);
    const assignee = this.assigneeFor(row, s, row.variant as Variant | null, null);
    const involved = [row.ownerId, row.leadInvestigator, row.assistantInvestigator].includes(caller.userId);
    const approvers = (parse<Approval[]>(row.approvals) ?? []).map((a) => a.userId);
    if (s === 'draft' && owner && has(caller, P.applicationCreate)) out.push('edit');
    if (s === 'draft' && owner && has(caller, P.applicationSubmit)) out.push('submit');
    if (s === 'admission_pending' && has(caller, P.applicationAdmit) && !owner && waitsFor(assignee)) {
      out.push('admit', 'refuseAdmission');
    }
    if (s === 'investigating' && has(caller, P.applicationInvestigate)) {
      if (row.variant === 'oneStop') {
        if (owner) out.push('investigate', 'complete');
      } else if (
        !owner &&
        (row.leadInvestigator ? row.leadInvestigator === caller.userId : waitsFor(assignee))
      ) {
        out.push('investigate');
        if (row.leadInvestigator === caller.userId) out.push('submitInvestigation');
      }
    }
    if (s === 'assistant_confirming' && row.assistantInvestigator === caller.userId) {
      out.push('confirmInvestigation', 'returnToLead');
    }
    if (s === 'reviewing' && has(caller, P.applicationReview) && !involved && waitsFor(assignee)) {
      out.push('pass', 'return', 'reject');
    }
    if (
      (s === 'branch_approving' || s === 'hq_approving' || s === 'supplement_approving') &&
      has(caller, P.applicationApprove) &&
      !involved &&
      row.reviewerId !== caller.userId &&
      !approvers.includes(caller.userId) &&
      waitsFor(assignee)
    ) {
      out.push('approve');
      if (has(caller, P.applicationReview)) {
        if (s !== 'supplement_approving') out.push('return');
        out.push('reject');
      }
    }
    if (active && owner && has(caller, P.applicationCreate)) out.push('withdraw');
    if (active && row.variant !== 'supplementary' && has(caller, P.bureauQuery) && (owner || involved)) {
      out.push('queryBureau');
    }
    return [...new Set(out)];
  }

  // ---- taking

  private async customer(caller: Principal, id: string, deadline: Deadline): Promise<CustomerSummary> {
    const { customer } = await callService(this.d.bus, lookupCustomerCall, { id }, caller, 'credit', {
      deadline,
    });
    if (!customer) throw new NotFoundError('customer not found');
    return customer;
  }

  /** The terms checked against the product version: field messages, nothing written. */
  private checkTerms(
    product: Product,
    t: { amount: string; termMonths: number; repaymentMethod: string; guaranteeType: string },
    prefix = '',
  ) {
    const errors: Record<string, string[]> = {};
    if (product.status !== 'active') errors[`${prefix}productId`] = ['this product is no longer offered'];
    if (compareMoney(t.amount, product.minAmount) < 0 || compareMoney(t.amount, product.maxAmount) > 0) {
      errors[`${prefix}amount`] = [`must be between ${product.minAmount} and ${product.maxAmount}`];
    }
    if (t.termMonths < product.minTermMonths || t.termMonths > product.maxTermMonths) {
      errors[`${prefix}termMonths`] = [
        `must be between ${product.minTermMonths} and ${product.maxTermMonths} months`,
      ];
    }
    if (!product.repaymentMethods.includes(t.repaymentMethod as Product['repaymentMethods'][number])) {
      errors[`${prefix}repaymentMethod`] = ['this product does not offer that repayment method'];
    }
    if (!product.guaranteeTypes.includes(t.guaranteeType as Product['guaranteeTypes'][number])) {
      errors[`${prefix}guaranteeType`] = ['this product does not take that guarantee'];
    }
    return errors;
  }

  private draftRow(
    caller: Principal,
    customer: CustomerSummary,
    product: Product,
    t: {
      amount: string;
      termMonths: number;
      repaymentMethod: string;
      guaranteeType: string;
      annualIncome: string;
      purpose: string;
    },
    extra: Partial<ApplicationRow> = {},
  ): ApplicationRow {
    const now = new Date();
    return {
      id: randomUUID(),
      number: null,
      groupId: null,
      ...ownedBy(caller),
      ownerName: caller.displayName,
      orgName: caller.orgName,
      customerId: customer.id,
      customerName: customer.name,
      segment: customer.segment,
      leadId: null,
      productId: product.id,
      productCode: product.code,
      productName: product.name,
      productVersion: product.version,
      amount: normaliseMoney(t.amount),
      termMonths: t.termMonths,
      repaymentMethod: t.repaymentMethod,
      guaranteeType: t.guaranteeType,
      annualIncome: normaliseMoney(t.annualIncome),
      purpose: t.purpose,
      channel: 'branch',
      variant: null,
      approvalLevel: null,
      status: 'draft',
      createdBy: caller.userId,
      createdByName: caller.displayName,
      decisionId: null,
      prescreenOutcome: null,
      prescreenReasons: '[]',
      rate: null,
      admission: null,
      bureauReportId: null,
      investigation: null,
      leadInvestigator: null,
      assistantInvestigator: null,
      reviewer: null,
      reviewerId: null,
      approvals: null,
      supplement: null,
      limitId: null,
      decidedBy: null,
      decidedByName: null,
      decisionComment: null,
      decidedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      ...extra,
    };
  }

  /** A lead in the caller's scope, fetched from marketing by id (nothing personal in a URL). */
  async lead(caller: Principal, leadId: string, deadline = Deadline.none) {
    const { lead } = await callService(this.d.bus, leadLookupCall, { id: leadId }, caller, 'credit', {
      deadline,
    });
    if (!lead) throw new NotFoundError('lead not found');
    return lead;
  }

  private async insert(actor: Act, rows: ApplicationRow[], deadline: Deadline, command = 'create') {
    await transactionBefore(this.d.ds, deadline, async (m) => {
      for (const row of rows) {
        await m.getRepository(ApplicationEntity).insert(row);
        await this.wf.start({ m, row, actor, command, snapshot: this.snapshot(row) });
      }
    });
  }

  async create(actor: Act, input: z.output<typeof CreateApplication>, deadline = Deadline.none) {
    const caller = actor.caller;
    let customerId = input.customerId;
    let leadId: string | null = null;
    if (input.leadId) {
      const lead = await this.lead(caller, input.leadId, deadline);
      if (customerId && customerId !== lead.customerId) {
        throw new InputError('invalid input', { leadId: ['this lead is for another customer'] });
      }
      customerId = lead.customerId;
      leadId = lead.id;
    }
    const customer = await this.customer(caller, customerId!, deadline);
    const product = await this.d.catalogue.product(caller, input.productId);
    const errors = this.checkTerms(product, input);
    if (Object.keys(errors).length) throw new InputError('invalid input', errors);
    const row = this.draftRow(caller, customer, product, input, { leadId });
    await this.insert(actor, [row], deadline);
    return row;
  }

  /** 一键多申: one draft per product, one group; all or nothing. */
  async createMany(actor: Act, input: z.output<typeof CreateApplications>, deadline = Deadline.none) {
    const caller = actor.caller;
    if (input.leadId) {
      const lead = await this.lead(caller, input.leadId, deadline);
      if (lead.customerId !== input.customerId) {
        throw new InputError('invalid input', { leadId: ['this lead is for another customer'] });
      }
    }
    const customer = await this.customer(caller, input.customerId, deadline);
    const groupId = randomUUID();
    const errors: Record<string, string[]> = {};
    const rows: ApplicationRow[] = [];
    const seen = new Set<string>();
    for (const [i, item] of input.items.entries()) {
      if (seen.has(item.productId)) {
        errors[`items.${i}.productId`] = ['each product once'];
        continue;
      }
      seen.add(item.productId);
      const product = await this.d.catalogue.product(caller, item.productId);
      Object.assign(errors, this.checkTerms(product, item, `items.${i}.`));
      rows.push(
        this.draftRow(
          caller,
          customer,
          product,
          { ...item, annualIncome: input.annualIncome, purpose: input.purpose },
          { groupId, leadId: input.leadId ?? null },
        ),
      );
    }
    if (Object.keys(errors).length) throw new InputError('invalid input', errors);
    await this.insert(actor, rows, deadline);
    return { groupId, rows };
  }

  /** 授信补录: a credit granted offline, entered as a draft of the supplementary process. */
  async createSupplement(actor: Act, input: z.output<typeof CreateSupplement>, deadline = Deadline.none) {
    const caller = actor.caller;
    const customer = await this.customer(caller, input.customerId, deadline);
    const product = await this.d.catalogue.product(caller, input.productId);
    const errors = this.checkTerms({ ...product, status: 'active' }, input);
    if (input.grantedOn > new Date().toISOString().slice(0, 10)) {
      errors.grantedOn = ['cannot be in the future'];
    }
    if (Object.keys(errors).length) throw new InputError('invalid input', errors);
    const quote = await this.d.catalogue.quote(caller, {
      subjectRef: `credit-supplement:${customer.id}`,
      product,
      amount: input.amount,
      termMonths: input.termMonths,
      guaranteeType: input.guaranteeType,
      segment: customer.segment,
    });
    const ratePct = money(input.ratePct).toFixed(4);
    const rate: RateBasis = {
      ...quote.rate,
      spreadBps: money(ratePct).minus(money(quote.rate.lprPct)).times(100).round().toNumber(),
      ratePct,
    };
    const row = this.draftRow(caller, customer, product, input, {
      variant: 'supplementary',
      approvalLevel: 'hq',
      rate: JSON.stringify(rate),
      supplement: JSON.stringify({
        reason: input.reason,
        offlineRef: input.offlineRef,
        grantedOn: input.grantedOn,
      }),
    });
    await this.insert(actor, [row], deadline, 'createSupplement');
    return row;
  }

  async update(caller: Principal, input: z.output<typeof UpdateApplication>) {
    const row = await this.get(caller, input.id, 'write');
    this.mustOwn(caller, row);
    if (row.status !== 'draft') {
      throw new ConflictError(
        `only a draft can be changed; this application is ${row.status}`,
        'INVALID_TRANSITION',
      );
    }
    const next = {
      amount: input.amount ?? String(row.amount),
      termMonths: input.termMonths ?? row.termMonths,
      repaymentMethod: input.repaymentMethod ?? row.repaymentMethod,
      guaranteeType: input.guaranteeType ?? row.guaranteeType,
      annualIncome: input.annualIncome ?? String(row.annualIncome),
      purpose: input.purpose ?? row.purpose,
    };
    const product = await this.d.catalogue.product(caller, row.productId, row.productVersion);
    const errors = this.checkTerms(
      row.variant === 'supplementary' ? { ...product, status: 'active' } : product,
      next,
    );
    if (Object.keys(errors).length) throw new InputError('invalid input', errors);
    const res: { affectedRows?: number } = await this.d.ds.query(
      `UPDATE credit_application SET amount = ?, term_months = ?, repayment_method = ?, guarantee_type = ?,
         annual_income = ?, purpose = ?, version = version + 1, updated_at = UTC_TIMESTAMP(3)
       WHERE id = ? AND status = 'draft' AND version = ?`,
      [
        normaliseMoney(next.amount),
        next.termMonths,
        next.repaymentMethod,
        next.guaranteeType,
        normaliseMoney(next.annualIncome),
        next.purpose,
        row.id,
        input.version,
      ],
    );
    if (res.affectedRows !== 1) throw this.stale();
    return this.get(caller, row.id);
  }

  // ---- guards

  private stale() {
    return new ConflictError('the application was changed by someone else; reload it', 'CONCURRENT_UPDATE');
  }

  private mustOwn(caller: Principal, row: ApplicationRow) {
    if (row.ownerId !== caller.userId) {
      throw new ForbiddenError('only the application’s own manager may do this', 'NOT_OWNER');
    }
  }

  private checkVersion(row: ApplicationRow, version: number) {
    if (row.version !== version) throw this.stale();
  }

  /** The to-do of the state waits for the caller (their post in the routed org, or them). */
  /**
   * Inside a step's transaction: the row is locked and still the version the caller read (else 409,
   * so of two people at once the loser hears "changed by someone else", not "not yours" after the
   * winner closed the to-do), and the step's to-do waits for the caller.
   */
  private async mustBeMine(m: EntityManager, caller: Principal, row: ApplicationRow) {
    const [now] = (await m.query('SELECT version FROM credit_application WHERE id = ? FOR UPDATE', [
      row.id,
    ])) as { version: number }[];
    if (!now || Number(now.version) !== Number(row.version)) throw this.stale();
    await this.todos.assertMine(m, caller, AGGREGATE, row.id);
  }

  private snapshot(row: ApplicationRow, extra: Record<string, unknown> = {}) {
    return {
      application: toApplication(row, []),
      ...extra,
    };
  }

  /** The division an application of the division process is reviewed and approved in. */
  private async divisionPath(caller: Principal): Promise<string> {
    const hit = this.divisionCache.get(caller.bankId);
    if (hit && Date.now() - hit.at < 60_000) return hit.path;
    const { orgs } = await callService(this.d.bus, orgTreeCall, {}, caller, 'credit');
    const division = orgs.find((o) => o.kind === 'division');
    if (!division) {
      throw new ConflictError('the bank has no business division for this process', 'NO_DIVISION');
    }
    this.divisionCache.set(caller.bankId, { path: division.path, at: Date.now() });
    return division.path;
  }

  /** Who a state waits for (null: nobody, or decided elsewhere). */
  private assigneeFor(
    row: ApplicationRow,
    state: State,
    variant: Variant | null,
    division: string | null,
  ): TodoSpec['assignee'] | null {
    const branch = branchPath(row.orgPath);
    const hq = hqPath(row.orgPath);
    const inDivision = variant === 'division';
    const div = division ?? parse<{ divisionPath?: string }>(row.admission)?.divisionPath ?? hq;
    switch (state) {
      case 'admission_pending':
        return { post: 'branch_head', orgPath: branch };
      case 'investigating':
        if (variant === 'oneStop') return { userId: row.ownerId };
        return row.leadInvestigator
          ? { userId: row.leadInvestigator }
          : { post: 'investigator', orgPath: branch };
      case 'assistant_confirming':
        return row.assistantInvestigator ? { userId: row.assistantInvestigator } : null;
      case 'reviewing':
        return { post: 'reviewer', orgPath: inDivision ? div : hq };
      case 'branch_approving':
        return { post: 'approver', orgPath: inDivision ? div : branch };
      case 'hq_approving':
      case 'supplement_approving':
        return { post: 'approver', orgPath: hq };
      default:
        return null;
    }
  }

  private todoFor(row: ApplicationRow, state: State, variant: Variant | null, division: string | null) {
    const assignee = this.assigneeFor(row, state, variant, division);
    if (!assignee) return [];
    const spec: TodoSpec = {
      kind: `application.${state}`,
      titleKey: `credit.todo.${state}`,
      params: {
        customerName: row.customerName,
        productName: row.productName,
        amount: normaliseMoney(String(row.amount)),
        number: row.number ?? '',
      },
      assignee,
      link: { app: 'mf-credit', path: `/credit/${row.id}` },
    };
    return [spec];
  }

  private async move(
    m: EntityManager,
    actor: Act,
    row: ApplicationRow,
    command: ApplicationCommand,
    opts: {
      comment?: string | null;
      patch?: Record<string, unknown>;
      variant?: Variant | null;
      division?: string | null;
      after?: Partial<ApplicationRow>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    const variant = (opts.variant ?? row.variant) as Variant | null;
    const to = this.wf.target(row.status, command, variant ?? undefined);
    const after: ApplicationRow = { ...row, ...opts.after, status: to };
    await this.wf.transition({
      m,
      row,
      command,
      variant: variant ?? undefined,
      actor,
      comment: opts.comment ?? null,
      patch: { updated_at: new Date(), ...opts.patch },
      snapshot: this.snapshot(row, opts.extra),
      todos: this.todoFor(after, to, variant, opts.division ?? null),
    });
    return to;
  }

  // ---- submitting

  /**
   * Submit: the bureau is queried (refused without a valid authorisation), risk pre-screens, the
   * automatic admission rules run, the process-mode table decides the process and the least
   * approval level, and risk's pricing gives the rate. Then one transition: filed (to
   * investigation), referred (to manual admission), declined, or approved (online). Remote calls
   * happen before the transaction: no lock is held across the network.
   */
  async submit(actor: Act, id: string, version: number, deadline = Deadline.none) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    this.mustOwn(caller, row);
    this.wf.target(
      row.status,
      row.variant === 'supplementary' ? 'submitSupplement' : 'file',
      (row.variant ?? 'staffed') as Variant,
    );
    this.checkVersion(row, version);
    if (row.variant === 'supplementary') {
      await transactionBefore(this.d.ds, deadline, (m) =>
        this.move(m, actor, row, 'submitSupplement', {
          patch: { number: this.number(row) },
          after: { number: this.number(row) },
        }),
      );
      return this.get(caller, id);
    }
    const product = await this.d.catalogue.product(caller, row.productId, row.productVersion);
    const report = await this.d.bureau.report(
      caller,
      { id: row.id, customerId: row.customerId, bankId: row.bankId },
      `授信申请 ${row.productName} ${normaliseMoney(String(row.amount))}`,
    );
    const decision = await callService(
      this.d.bus,
      prescreenCall,
      {
        subjectRef: `credit-application:${row.id}`,
        amountFen: toFen(String(row.amount)),
        annualIncomeFen: toFen(String(row.annualIncome)),
        termMonths: row.termMonths,
        productCode: row.productCode,
      },
      caller,
      'credit',
      { deadline },
    );
    // automatic admission (准入): the bureau's blacklist and risk's refusal decline; overdue history,
    // a low score or risk's referral go to a person (人工准入)
    const reasons: string[] = [];
    if (report.blacklisted) reasons.push('bureau.blacklisted');
    if (decision.outcome === 'refuse') reasons.push('prescreen.refuse');
    const refused = reasons.length > 0;
    // (risk's "refer" asks for people to decide, not for manual admission: it keeps the
    // application out of the automated processes, through the process-mode table below)
    if (!refused) {
      if (report.overdueAccounts > 0 || report.maxOverdueDays > 30) reasons.push('bureau.overdue');
      if (report.score < 500) reasons.push('bureau.lowScore');
    }
    const outcome = refused ? 'refuse' : reasons.length ? 'refer' : 'pass';
    const mode = refused
      ? null
      : await this.d.catalogue.decideMode(row.bankId, {
          productCode: row.productCode,
          amount: String(row.amount),
          guaranteeType: row.guaranteeType as Product['guaranteeTypes'][number],
          segment: row.segment,
          prescreen: outcome === 'pass' && decision.outcome === 'pass' ? 'pass' : 'refer',
        });
    const quote = refused
      ? null
      : await this.d.catalogue.quote(caller, {
          subjectRef: `credit-application:${row.id}`,
          product,
          amount: String(row.amount),
          termMonths: row.termMonths,
          guaranteeType: row.guaranteeType as Product['guaranteeTypes'][number],
          segment: row.segment,
        });
    // 包办制 and 线上 only for what the automated decision passed; otherwise the staffed desk.
    // 线上授信: within the model's limit (the table's online rows) the decision approves it and
    // nobody touches it, whether the mobile bank or a branch took it
    let variant: Variant = (mode?.mode as Variant | undefined) ?? 'staffed';
    const automated = outcome === 'pass' && decision.outcome === 'pass';
    if ((variant === 'oneStop' || variant === 'online') && !automated) variant = 'staffed';
    const division = variant === 'division' ? await this.divisionPath(caller) : null;
    const command: ApplicationCommand = refused
      ? 'decline'
      : variant === 'online'
        ? 'autoApprove'
        : outcome === 'refer'
          ? 'refer'
          : 'file';
    const number = this.number(row);
    const admission = { outcome, reasons, manual: null, ...(division ? { divisionPath: division } : {}) };
    const patch: Record<string, unknown> = {
      number,
      variant,
      approval_level: mode?.approvalLevel ?? null,
      decision_id: decision.decisionId,
      prescreen_outcome: decision.outcome,
      prescreen_reasons: JSON.stringify(decision.reasons),
      rate: quote ? JSON.stringify(quote.rate) : null,
      admission: JSON.stringify(admission),
      bureau_report_id: report.id,
    };
    if (refused || command === 'autoApprove') {
      patch.decided_at = new Date();
      patch.decided_by = 'system:risk';
      patch.decided_by_name = '自动决策';
      patch.decision_comment = refused ? reasons.join(',') : 'online';
    }
    await transactionBefore(this.d.ds, deadline, async (m) => {
      await this.move(m, actor, row, command, {
        patch,
        variant,
        division,
        after: { number, variant, admission: JSON.stringify(admission) },
        extra: {
          bureauReport: report,
          prescreen: decision,
          mode,
          rate: quote?.rate ?? null,
          admission,
        },
      });
      if (refused) {
        await appendEvent(m, applicationRejected, row.bankId, {
          applicationId: row.id,
          customerId: row.customerId,
          productCode: row.productCode,
          rejectedBy: 'system:risk',
          reason: reasons.join(','),
        });
      }
      if (command === 'autoApprove') {
        await this.grantAndAnnounce(
          m,
          actor,
          { ...row, variant, rate: patch.rate as string | null },
          {
            userId: 'system:risk',
            name: '自动决策',
          },
        );
      }
    });
    if (refused || command === 'autoApprove') this.d.eventsCommitted();
    return this.get(caller, id);
  }

  private number(row: ApplicationRow) {
    if (row.number) return row.number;
    const d = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    return `SX${d}${row.id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
  }

  // ---- admission

  async admission(actor: Act, id: string, version: number, comment: string, admit: boolean) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    this.wf.target(row.status, admit ? 'admit' : 'refuseAdmission', row.variant as Variant);
    this.checkVersion(row, version);
    if (row.ownerId === caller.userId) {
      throw sod('SOD_ADMIT_OWN', 'the manager who took an application cannot admit it');
    }
    await transactionBefore(this.d.ds, dl(actor), async (m) => {
      await this.mustBeMine(m, caller, row);
      const before = parse<Record<string, unknown>>(row.admission) ?? {};
      const admission = {
        ...before,
        manual: {
          by: caller.userId,
          name: caller.displayName,
          reason: comment,
          at: new Date().toISOString(),
        },
      };
      const patch: Record<string, unknown> = { admission: JSON.stringify(admission) };
      if (!admit) Object.assign(patch, this.decided(caller, comment));
      await this.move(m, actor, row, admit ? 'admit' : 'refuseAdmission', { comment, patch });
      if (!admit) await this.rejectedEvent(m, row, caller, comment);
    });
    if (!admit) this.d.eventsCommitted();
    return this.get(caller, id);
  }

  private decided(caller: Principal, comment: string | null) {
    return {
      decided_at: new Date(),
      decided_by: caller.userId,
      decided_by_name: caller.displayName,
      decision_comment: comment || null,
    };
  }

  private rejectedEvent(m: EntityManager, row: ApplicationRow, caller: Principal, reason: string) {
    return appendEvent(m, applicationRejected, row.bankId, {
      applicationId: row.id,
      customerId: row.customerId,
      productCode: row.productCode,
      rejectedBy: caller.userId,
      reason,
    });
  }

  // ---- investigation

  /**
   * The lead investigator saves the report and names the assistant. In the staffed and division
   * processes the lead is the investigator who takes the to-do (never the application's manager)
   * and the assistant another person; in 包办制 the manager investigates alone.
   */
  async saveInvestigation(actor: Act, input: z.output<typeof SaveInvestigation>) {
    const caller = actor.caller;
    const row = await this.get(caller, input.id, 'write');
    if (row.status !== 'investigating')
      this.wf.target(row.status, 'submitInvestigation', row.variant as Variant);
    this.checkVersion(row, input.version);
    const oneStop = row.variant === 'oneStop';
    if (oneStop) {
      this.mustOwn(caller, row);
      if (input.assistantId) {
        throw new InputError('invalid input', { assistantId: ['包办制 has no assistant investigator'] });
      }
    } else {
      if (row.ownerId === caller.userId) {
        throw sod('SOD_INVESTIGATE_OWN', 'the manager who took an application cannot investigate it');
      }
      if (row.leadInvestigator && row.leadInvestigator !== caller.userId) {
        throw new ForbiddenError('only the lead investigator changes the report', 'NOT_LEAD');
      }
      if (input.assistantId === caller.userId) {
        throw sod('SOD_SAME_INVESTIGATORS', 'the lead and the assistant investigator must be two people');
      }
      if (input.assistantId === row.ownerId) {
        throw sod('SOD_INVESTIGATE_OWN', 'the manager who took an application cannot investigate it');
      }
    }
    let assistantName: string | null = null;
    if (input.assistantId) {
      const { users } = await callService(
        this.d.bus,
        colleaguesCall,
        { userIds: [input.assistantId], orgPath: branchPath(row.orgPath) },
        caller,
        'credit',
      );
      const user = users.find((u) => u.posts.includes('investigator') || u.posts.includes('account_manager'));
      if (!user) {
        throw new InputError('invalid input', {
          assistantId: ['must be an investigator or account manager of the branch'],
        });
      }
      assistantName = user.displayName;
    }
    const product = await this.d.catalogue.product(caller, row.productId, row.productVersion);
    const known = new Set(product.investigationForm.map((f) => f.key));
    const unknown = Object.keys(input.form).filter((k) => !known.has(k));
    if (unknown.length) {
      throw new InputError(
        'invalid input',
        Object.fromEntries(unknown.map((k) => [`form.${k}`, ['not a field of this product’s form']])),
      );
    }
    const before = parse<Investigation>(row.investigation);
    const investigation: Investigation = {
      leadId: caller.userId,
      leadName: caller.displayName,
      assistantId: input.assistantId,
      assistantName,
      form: input.form,
      submittedAt: before?.submittedAt ?? null,
      confirmedAt: null,
    };
    await transactionBefore(this.d.ds, dl(actor), async (m) => {
      if (!row.leadInvestigator && !oneStop) {
        // the first save takes the post's to-do: it then waits for this investigator only
        await this.mustBeMine(m, caller, row);
        const [todo]: { id: string }[] = await m.query(
          'SELECT id FROM workflow_todo WHERE aggregate = ? AND aggregate_id = ? AND closed_at IS NULL LIMIT 1',
          [AGGREGATE, row.id],
        );
        if (todo) await this.todos.claim(m, caller, todo.id);
      }
      const res: { affectedRows?: number } = await m.query(
        `UPDATE credit_application SET investigation = ?, lead_investigator = ?, assistant_investigator = ?,
           version = version + 1, updated_at = UTC_TIMESTAMP(3)
         WHERE id = ? AND status = 'investigating' AND version = ?`,
        [JSON.stringify(investigation), caller.userId, input.assistantId, row.id, row.version],
      );
      if (res.affectedRows !== 1) throw this.stale();
    });
    return this.get(caller, row.id);
  }

  private async formComplete(caller: Principal, row: ApplicationRow) {
    const inv = parse<Investigation>(row.investigation);
    const product = await this.d.catalogue.product(caller, row.productId, row.productVersion);
    const errors: Record<string, string[]> = {};
    for (const f of product.investigationForm) {
      if (f.required && !inv?.form[f.key]?.trim()) errors[`form.${f.key}`] = ['required'];
    }
    if (!inv) errors.form = ['the investigation report is not saved yet'];
    if (Object.keys(errors).length) throw new InputError('the investigation is not complete', errors);
    return inv!;
  }

  async submitInvestigation(actor: Act, id: string, version: number, comment: string) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    this.wf.target(row.status, 'submitInvestigation', row.variant as Variant);
    this.checkVersion(row, version);
    if (row.leadInvestigator !== caller.userId) {
      throw new ForbiddenError('only the lead investigator submits the report', 'NOT_LEAD');
    }
    const inv = await this.formComplete(caller, row);
    if (!row.assistantInvestigator) {
      throw new InputError('invalid input', { assistantId: ['name the assistant investigator'] });
    }
    const investigation = { ...inv, submittedAt: new Date().toISOString() };
    await transactionBefore(this.d.ds, dl(actor), (m) =>
      this.move(m, actor, row, 'submitInvestigation', {
        comment,
        patch: { investigation: JSON.stringify(investigation) },
      }),
    );
    return this.get(caller, id);
  }

  async assistant(actor: Act, id: string, version: number, comment: string, confirm: boolean) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    const command = confirm ? 'confirmInvestigation' : 'returnToLead';
    this.wf.target(row.status, command, row.variant as Variant);
    this.checkVersion(row, version);
    if (row.assistantInvestigator !== caller.userId) {
      throw new ForbiddenError('only the assistant investigator confirms the report', 'NOT_ASSISTANT');
    }
    const inv = parse<Investigation>(row.investigation)!;
    const investigation = { ...inv, confirmedAt: confirm ? new Date().toISOString() : null };
    await transactionBefore(this.d.ds, dl(actor), (m) =>
      this.move(m, actor, row, command, {
        comment,
        patch: { investigation: JSON.stringify(investigation) },
      }),
    );
    return this.get(caller, id);
  }

  // ---- review and approval

  async pass(actor: Act, id: string, version: number, comment: string) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    this.wf.target(row.status, 'pass', row.variant as Variant);
    this.checkVersion(row, version);
    if ([row.ownerId, row.leadInvestigator, row.assistantInvestigator].includes(caller.userId)) {
      throw sod('SOD_REVIEW_OWN', 'who took or investigated an application cannot review it');
    }
    const reviewer = { userId: caller.userId, name: caller.displayName, at: new Date().toISOString() };
    await transactionBefore(this.d.ds, dl(actor), async (m) => {
      await this.mustBeMine(m, caller, row);
      await this.move(m, actor, row, 'pass', {
        comment,
        patch: { reviewer: JSON.stringify(reviewer), reviewer_id: caller.userId },
      });
    });
    return this.get(caller, id);
  }

  /**
   * Approval by authority. At the branch (or the division), within the approver's authority and
   * when the process needs no more, the application is approved; above it, or when the process
   * needs head office, it goes up (`forward`). At head office the amount must be within the
   * approver's authority. The final approval grants the limit in the same transaction.
   */
  async approve(actor: Act, id: string, version: number, comment: string) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    this.wf.target(row.status, 'approve', row.variant as Variant);
    this.checkVersion(row, version);
    const approvals = parse<Approval[]>(row.approvals) ?? [];
    if (
      [row.ownerId, row.leadInvestigator, row.assistantInvestigator, row.reviewerId].includes(caller.userId)
    ) {
      throw sod('SOD_APPROVE_OWN', 'who took, investigated or reviewed an application cannot approve it');
    }
    if (approvals.some((a) => a.userId === caller.userId)) {
      throw sod('SOD_APPROVE_TWICE', 'one person approves an application once');
    }
    // the first approval is at the branch, or in the division for the division's process
    const level =
      row.status !== 'branch_approving' ? 'hq' : row.variant === 'division' ? 'division' : 'branch';
    const authority = await this.d.catalogue.authority(
      row.bankId,
      caller.posts ?? [],
      level,
      row.productCode,
    );
    if (authority === null) {
      throw new ForbiddenError('your post has no approval authority for this product here', 'NO_AUTHORITY');
    }
    const within = compareMoney(String(row.amount), authority) <= 0;
    if (level === 'hq' && !within) {
      throw new ForbiddenError(
        `the amount is above your approval authority (${authority})`,
        'AUTHORITY_EXCEEDED',
      );
    }
    const goesUp = level !== 'hq' && (!within || row.approvalLevel === 'hq');
    const approval: Approval = {
      level,
      userId: caller.userId,
      name: caller.displayName,
      at: new Date().toISOString(),
      comment: comment || null,
      authority,
    };
    const all = [...approvals, approval];
    await transactionBefore(this.d.ds, dl(actor), async (m) => {
      await this.mustBeMine(m, caller, row);
      if (goesUp) {
        await this.move(m, actor, row, 'forward', {
          comment,
          patch: { approvals: JSON.stringify(all) },
          extra: { authority, approvalLevel: row.approvalLevel },
        });
        return;
      }
      await this.finalApprove(m, actor, row, comment, { approvals: JSON.stringify(all) }, authority);
    });
    if (!goesUp) this.d.eventsCommitted();
    return this.get(caller, id);
  }

  private async finalApprove(
    m: EntityManager,
    actor: Act,
    row: ApplicationRow,
    comment: string,
    patch: Record<string, unknown>,
    authority: string | null,
  ) {
    const caller = actor.caller;
    const command = row.status === 'investigating' ? 'complete' : 'approve';
    // the transition first: of two approvals at once only one moves the row (the other gets 409
    // before it grants anything); then the limit, in the same transaction
    await this.move(m, actor, row, command, {
      comment,
      patch: { ...patch, ...this.decided(caller, comment) },
      extra: { authority },
    });
    await this.grantAndAnnounce(m, actor, row, { userId: caller.userId, name: caller.displayName });
  }

  /** The approved application's limit, granted in the approval's transaction, and the event. */
  private async grantAndAnnounce(
    m: EntityManager,
    actor: Act,
    row: ApplicationRow,
    by: { userId: string; name: string },
  ) {
    const limitId = await this.d.limits.grant(m, actor, {
      id: row.id,
      groupId: row.groupId,
      bankId: row.bankId,
      orgId: row.orgId,
      orgPath: row.orgPath,
      ownerId: row.ownerId,
      ownerName: row.ownerName || row.createdByName,
      customerId: row.customerId,
      customerName: row.customerName,
      productCode: row.productCode,
      productName: row.productName,
      amount: normaliseMoney(String(row.amount)),
      termMonths: row.termMonths,
    });
    await m.query('UPDATE credit_application SET limit_id = ? WHERE id = ?', [limitId, row.id]);
    const rate = parse<RateBasis>(row.rate);
    await appendEvent(m, applicationApproved, row.bankId, {
      applicationId: row.id,
      customerId: row.customerId,
      amount: normaliseMoney(String(row.amount)),
      termMonths: row.termMonths,
      productCode: row.productCode,
      approvedBy: by.userId,
      approvedByName: by.name,
      limitId,
      variant: row.variant ?? undefined,
      ...(rate ? { ratePct: rate.ratePct } : {}),
    });
  }

  /** 包办制: the manager completes an application the automated decision passed. */
  async complete(actor: Act, id: string, version: number, comment: string) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    this.wf.target(row.status, 'complete', row.variant as Variant);
    this.checkVersion(row, version);
    this.mustOwn(caller, row);
    await this.formComplete(caller, row);
    await transactionBefore(this.d.ds, dl(actor), (m) => this.finalApprove(m, actor, row, comment, {}, null));
    this.d.eventsCommitted();
    return this.get(caller, id);
  }

  /** Return for more information (退回补充) or reject: the reviewer or an approver, with a comment. */
  async sendBack(actor: Act, id: string, version: number, comment: string, reject: boolean) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    const command = reject ? 'reject' : 'return';
    this.wf.target(row.status, command, row.variant as Variant);
    this.checkVersion(row, version);
    const approving = row.status !== 'reviewing';
    if (approving && !has(caller, P.applicationApprove)) {
      throw new ForbiddenError(`requires permission ${P.applicationApprove}`, 'FORBIDDEN');
    }
    if ([row.ownerId, row.leadInvestigator, row.assistantInvestigator].includes(caller.userId)) {
      throw sod(
        approving ? 'SOD_APPROVE_OWN' : 'SOD_REVIEW_OWN',
        'who took or investigated an application cannot decide it',
      );
    }
    await transactionBefore(this.d.ds, dl(actor), async (m) => {
      await this.mustBeMine(m, caller, row);
      if (reject) {
        await this.move(m, actor, row, 'reject', { comment, patch: this.decided(caller, comment) });
        await this.rejectedEvent(m, row, caller, comment);
      } else {
        const inv = parse<Investigation>(row.investigation);
        await this.move(m, actor, row, 'return', {
          comment,
          // the report goes back to its lead; a new assistant confirmation is needed
          patch: {
            approvals: null,
            reviewer: null,
            reviewer_id: null,
            investigation: inv ? JSON.stringify({ ...inv, submittedAt: null, confirmedAt: null }) : null,
          },
          after: { approvals: null, reviewer: null, reviewerId: null },
        });
      }
    });
    if (reject) this.d.eventsCommitted();
    return this.get(caller, id);
  }

  async withdraw(actor: Act, id: string, version: number, comment: string) {
    const caller = actor.caller;
    const row = await this.get(caller, id, 'write');
    this.mustOwn(caller, row);
    this.wf.target(row.status, 'withdraw', (row.variant ?? undefined) as Variant | undefined);
    this.checkVersion(row, version);
    await transactionBefore(this.d.ds, dl(actor), (m) =>
      this.move(m, actor, row, 'withdraw', { comment, patch: this.decided(caller, comment) }),
    );
    return this.get(caller, id);
  }

  // ---- evidence, to-dos, statistics

  async steps(caller: Principal, id: string) {
    const row = await this.get(caller, id);
    return this.wf.steps(this.d.ds, row.id);
  }

  async myTodos(caller: Principal) {
    const items = await this.todos.list(this.d.ds, caller, AGGREGATE);
    return items.map((t) => ({
      id: t.id,
      kind: t.kind,
      titleKey: t.titleKey,
      params: t.params,
      aggregateId: t.aggregateId,
      state: t.state,
      mine: 'userId' in t.assignee && t.assignee.userId === caller.userId,
      link: t.link,
      dueAt: t.dueAt,
      openedAt: t.openedAt,
    }));
  }

  async claim(caller: Principal, todoId: string) {
    const t = await this.d.ds.transaction((m) => this.todos.claim(m, caller, todoId));
    return {
      id: t.id,
      kind: t.kind,
      titleKey: t.titleKey,
      params: t.params,
      aggregateId: t.aggregateId,
      state: t.state,
      mine: true,
      link: t.link,
      dueAt: t.dueAt,
      openedAt: t.openedAt,
    };
  }

  async stats(caller: Principal, q: z.output<typeof StatsQuery>) {
    const s = scopeSql(caller, 'a');
    const where = [s.sql];
    const params: unknown[] = [...s.params];
    if (q.from) {
      where.push('a.created_at >= ?');
      params.push(`${q.from} 00:00:00`);
    }
    if (q.to) {
      where.push('a.created_at < DATE_ADD(?, INTERVAL 1 DAY)');
      params.push(q.to);
    }
    const w = where.join(' AND ');
    const byStatus: { status: State; count: string }[] = await this.d.ds.query(
      `SELECT a.status, COUNT(*) AS count FROM credit_application a WHERE ${w} GROUP BY a.status ORDER BY a.status`,
      params,
    );
    const byProduct: { product_code: string; product_name: string; count: string; amount: string }[] =
      await this.d.ds.query(
        `SELECT a.product_code, MAX(a.product_name) AS product_name, COUNT(*) AS count, SUM(a.amount) AS amount
           FROM credit_application a WHERE ${w} GROUP BY a.product_code ORDER BY count DESC`,
        params,
      );
    const byBranch: { org_id: string; org_name: string; count: string; approved: string }[] =
      await this.d.ds.query(
        `SELECT a.org_id, MAX(a.org_name) AS org_name, COUNT(*) AS count,
                SUM(a.status = 'approved') AS approved
           FROM credit_application a WHERE ${w} GROUP BY a.org_id ORDER BY count DESC`,
        params,
      );
    const days: { state: State; avg_days: string | null; count: string }[] = await this.d.ds.query(
      `SELECT x.from_state AS state, AVG(TIMESTAMPDIFF(SECOND, x.entered, x.at)) / 86400 AS avg_days, COUNT(*) AS count
         FROM (SELECT s.from_state, s.at,
                 (SELECT MAX(p.at) FROM workflow_step p WHERE p.aggregate = s.aggregate
                     AND p.aggregate_id = s.aggregate_id AND p.to_state = s.from_state AND p.at <= s.at) AS entered
                 FROM workflow_step s JOIN credit_application a ON a.id = s.aggregate_id
                WHERE s.aggregate = ? AND s.from_state <> '' AND ${w}) x
        WHERE x.entered IS NOT NULL GROUP BY x.from_state`,
      [AGGREGATE, ...params],
    );
    const count = (st: string) => Number(byStatus.find((r) => r.status === st)?.count ?? 0);
    const decided = count('approved') + count('rejected');
    return {
      byStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.count) })),
      byProduct: byProduct.map((r) => ({
        productCode: r.product_code,
        productName: r.product_name,
        count: Number(r.count),
        amount: normaliseMoney(String(r.amount ?? '0')),
      })),
      byBranch: byBranch.map((r) => ({
        orgId: r.org_id,
        orgName: r.org_name || r.org_id,
        count: Number(r.count),
        approved: Number(r.approved ?? 0),
      })),
      approvalRate: decided
        ? money(String(count('approved')))
            .div(decided)
            .toFixed(4)
        : null,
      daysPerStep: days
        .filter((r) => applicationMachine.states.includes(r.state))
        .map((r) => ({
          state: r.state,
          avgDays: money(String(r.avg_days ?? '0')).toFixed(2),
          count: Number(r.count),
        })),
    };
  }
}
