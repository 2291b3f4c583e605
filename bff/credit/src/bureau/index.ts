import { randomUUID } from 'node:crypto';
import {
  type BureauAuthorization,
  type BureauQuery,
  type BureauReport,
  bureauApi,
  bureauReportCall,
  customerIdentityCall,
  lookupCustomerCall,
  type Principal,
} from '@zhanye/contracts';
import {
  AppError,
  businessDate,
  ConflictError,
  callService,
  Deadline,
  InputError,
  NotFoundError,
  ownedBy,
  route,
  scopedQuery,
  transactionBefore,
  UnavailableError,
} from '@zhanye/kit';
import type { EntityManager } from 'typeorm';
import { CreditFiles } from '../files/index.ts';
import type { Bureau, CreditPart, Files, PartDeps, PartSchema } from '../ports.ts';
import { CreditBureau1766300000001 } from './1766300000001-bureau.ts';
import {
  AuthorizationEntity,
  type AuthorizationRow,
  QueryEntity,
  type QueryRow,
  ReportEntity,
  type ReportRow,
} from './bureau.entities.ts';

/** The bureau's tables whose rows carry org paths (for `followOrgMoves` in app.ts). */
export const bureauScopedTables = [
  'credit_bureau_authorization',
  'credit_bureau_report',
  'credit_bureau_query',
];

/** Bureau authorisations (征信授权), the reports kept and the query log. */
export const bureauSchema: PartSchema = {
  entities: [AuthorizationEntity, ReportEntity, QueryEntity],
  migrations: [CreditBureau1766300000001],
};

/** An application as the bureau needs it: found in the caller's scope by the applications part. */
export interface ApplicationRef {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  /** Whose record it is (the scope's `owner_id`); the querying user when not given. */
  ownerId?: string;
  customerId: string;
  status?: string;
  /** How the query log names it (e.g. `授信申请 SX-2026-000123`); defaults to the id. */
  label?: string;
}

/**
 * Finds an application in the caller's scope or throws (404 outside it; for `write`, 409 when its
 * state allows no bureau query).
 */
export type ResolveApplication = (
  caller: Principal,
  applicationId: string,
  mode: 'read' | 'write',
) => Promise<ApplicationRef>;

/**
 * Called in the transaction that keeps a report queried through the route (e.g. to set the
 * application's `bureau_report_id`); not for the port's `report`, whose caller keeps the id itself.
 */
export type OnReport = (
  m: EntityManager,
  caller: Principal,
  application: ApplicationRef,
  report: BureauReport,
) => Promise<void>;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const realDay = (s: string) => {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};

const toAuthorization = (r: AuthorizationRow, today: string): BureauAuthorization => ({
  id: r.id,
  customerId: r.customerId,
  customerName: r.customerName,
  purpose: r.purpose,
  validFrom: r.validFrom,
  validTo: r.validTo,
  method: r.method,
  attachmentId: r.attachmentId,
  status: r.status,
  valid: r.status === 'active' && r.validFrom <= today && today <= r.validTo,
  ownerId: r.ownerId,
  orgId: r.orgId,
  recordedBy: r.ownerId,
  recordedByName: r.recordedByName,
  recordedAt: r.recordedAt.toISOString(),
  revokedByName: r.revokedByName,
  revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
  revokeReason: r.revokeReason,
});

const toReport = (r: ReportRow): BureauReport => ({
  id: r.id,
  customerId: r.customerId,
  reference: r.reference,
  source: r.source,
  score: r.score,
  loans: r.loans,
  outstanding: r.outstanding,
  overdueAccounts: r.overdueAccounts,
  maxOverdueDays: r.maxOverdueDays,
  queriesLast6Months: r.queriesLast6Months,
  blacklisted: Boolean(r.blacklisted),
  summary: r.summary,
  queriedAt: r.queriedAt.toISOString(),
});

const toQuery = (r: QueryRow): BureauQuery => ({
  id: r.id,
  customerId: r.customerId,
  authorizationId: r.authorizationId,
  applicationId: r.applicationId,
  reason: r.reason,
  queriedBy: r.queriedBy,
  queriedByName: r.queriedByName,
  reportId: r.reportId,
  at: r.at.toISOString(),
});

/** A list without a customer shows at most this many rows, newest first. */
const LIST_LIMIT = 200;

/** The bureau part, plus where the applications part plugs in (`useApplications`). */
export interface BureauPart extends CreditPart<Bureau> {
  /**
   * Wires the application lookup: `queryReport` (POST /applications/:id/bureau-report) and the
   * port's `report` find the application with it; `onReport` runs in the transaction that keeps
   * the report. Until it is called, `queryReport` answers 503.
   */
  useApplications(resolve: ResolveApplication, onReport?: OnReport): void;
}

export function createBureau(deps: PartDeps & { files: Files }): BureauPart {
  const { ds, bus } = deps;
  const files = deps.files;
  let resolveApplication: ResolveApplication | null = null;
  let onReport: OnReport | null = null;

  /** The customer, if the caller may see it (the customer service applies the caller's scope). */
  const customerInScope = async (caller: Principal, id: string, deadline?: Deadline) => {
    const { customer } = await callService(bus, lookupCustomerCall, { id }, caller, 'credit', {
      ...(deadline ? { deadline } : {}),
    }).catch((e: unknown) => {
      // without the customer service's read permission no customer is visible: the same 404
      if (e instanceof AppError && e.code === 'FORBIDDEN') return { customer: null };
      throw e;
    });
    if (!customer) throw new NotFoundError('customer not found');
    return customer;
  };

  const authorizationInScope = async (
    m: EntityManager | typeof ds,
    caller: Principal,
    id: string,
    mode: 'read' | 'write',
  ) => {
    const row = await scopedQuery(m, AuthorizationEntity, 'a', caller, mode)
      .andWhere('a.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError('authorisation not found');
    return row;
  };

  // an authorisation's scan is downloaded in the authorisation's scope
  if (files instanceof CreditFiles) {
    files.resolveOwnersWith('authorization', async (caller, id, mode) => {
      const row = await authorizationInScope(ds, caller, id, mode);
      return { id: row.id, bankId: row.bankId, orgId: row.orgId, orgPath: row.orgPath, status: row.status };
    });
  }

  /** A valid authorisation for loan approval today, optionally locked for the transaction. */
  const validAuthorization = (
    m: EntityManager | typeof ds,
    bankId: string,
    customerId: string,
    lock = false,
  ) => {
    const today = businessDate();
    const qb = m
      .getRepository(AuthorizationEntity)
      .createQueryBuilder('a')
      .where('a.bank_id = :bankId AND a.customer_id = :customerId', { bankId, customerId })
      .andWhere("a.purpose = 'loan_approval' AND a.status = 'active'")
      .andWhere('a.valid_from <= :today AND a.valid_to >= :today', { today })
      .orderBy('a.valid_to', 'DESC')
      .addOrderBy('a.id', 'ASC');
    if (lock) qb.setLock('pessimistic_write'); // MariaDB has no FOR SHARE; a revoke waits for it;
    return qb.getOne();
  };

  async function query(
    caller: Principal,
    app: ApplicationRef,
    reason: string,
    ctx: { clientIp: string | null; deadline: Deadline; onReport: OnReport | null },
  ): Promise<BureauReport> {
    if (app.bankId !== caller.bankId) throw new NotFoundError('application not found');
    const auth = await validAuthorization(ds, app.bankId, app.customerId);
    if (!auth) {
      throw new ConflictError(
        'the customer has no valid bureau authorisation for loan approval',
        'NO_AUTHORIZATION',
      );
    }
    const { identity } = await callService(
      bus,
      customerIdentityCall,
      { id: app.customerId },
      caller,
      'credit',
      {
        deadline: ctx.deadline,
      },
    );
    if (!identity) throw new NotFoundError('customer not found');
    const answer = await callService(
      bus,
      bureauReportCall,
      {
        idNumber: identity.idNumber,
        name: identity.name,
        purpose: 'loan_approval',
        authorizationRef: auth.id,
        bankId: app.bankId,
      },
      caller,
      'credit',
      { deadline: ctx.deadline },
    );
    const at = new Date();
    const scope = {
      bankId: app.bankId,
      orgId: app.orgId,
      orgPath: app.orgPath,
      ownerId: app.ownerId ?? caller.userId,
    };
    const report: ReportRow = {
      id: randomUUID(),
      ...scope,
      customerId: app.customerId,
      applicationId: app.id,
      reference: answer.reference.slice(0, 64),
      source: answer.source,
      score: answer.score,
      loans: answer.loans,
      outstanding: answer.outstanding,
      overdueAccounts: answer.overdueAccounts,
      maxOverdueDays: answer.maxOverdueDays,
      queriesLast6Months: answer.queriesLast6Months,
      blacklisted: answer.blacklisted,
      summary: answer.summary.slice(0, 500),
      raw: JSON.stringify(answer),
      queriedAt: at,
    };
    const out = toReport(report);
    await transactionBefore(ds, ctx.deadline, async (m) => {
      // revoked while the bureau answered: the report is not kept
      const still = await validAuthorization(m, app.bankId, app.customerId, true);
      if (!still) {
        throw new ConflictError('the bureau authorisation was revoked meanwhile', 'NO_AUTHORIZATION');
      }
      await m.getRepository(ReportEntity).insert(report);
      await m.getRepository(QueryEntity).insert({
        id: randomUUID(),
        ...scope,
        customerId: app.customerId,
        authorizationId: still.id,
        applicationId: app.id,
        purpose: 'loan_approval',
        reason: reason.slice(0, 200),
        queriedBy: caller.userId,
        queriedByName: caller.displayName,
        queriedByPosts: (caller.posts ?? []).join(',').slice(0, 255),
        queriedByOrgId: caller.orgId,
        clientIp: ctx.clientIp ? ctx.clientIp.slice(0, 64) : null,
        reportId: report.id,
        at,
      });
      if (ctx.onReport) await ctx.onReport(m, caller, app, out);
    });
    return out;
  }

  const port: Bureau = {
    async report(caller, application, reason) {
      // the application's own scope columns when the lookup is wired, else the caller's
      const app: ApplicationRef = resolveApplication
        ? await resolveApplication(caller, application.id, 'read')
        : { ...ownedBy(caller), ...application };
      return query(caller, { ...app, customerId: application.customerId }, reason, {
        clientIp: null,
        deadline: Deadline.none,
        onReport: null, // the port's caller keeps the report's id itself
      });
    },
    async get(id) {
      const row = await ds.getRepository(ReportEntity).findOneBy({ id });
      return row ? toReport(row) : null;
    },
  };

  const routes = [
    route(bureauApi.listAuthorizations, async ({ caller, input }) => {
      const qb = scopedQuery(ds, AuthorizationEntity, 'a', caller)
        .orderBy('a.recorded_at', 'DESC')
        .addOrderBy('a.id', 'DESC');
      if (input.customerId) qb.andWhere('a.customer_id = :c', { c: input.customerId });
      else qb.take(LIST_LIMIT);
      const today = businessDate();
      return { items: (await qb.getMany()).map((r) => toAuthorization(r, today)) };
    }),

    route(bureauApi.createAuthorization, async ({ caller, input, deadline, audit }) => {
      const today = businessDate();
      const fields: Record<string, string[]> = {};
      if (!realDay(input.validFrom)) fields.validFrom = ['not a date'];
      if (!realDay(input.validTo)) fields.validTo = ['not a date'];
      else if (input.validTo < input.validFrom) fields.validTo = ['before the first day'];
      else if (input.validTo < today) fields.validTo = ['already expired'];
      if (Object.keys(fields).length) throw new InputError('invalid dates', fields);
      const customer = await customerInScope(caller, input.customerId, deadline);
      const row: AuthorizationRow = {
        id: randomUUID(),
        ...ownedBy(caller),
        customerId: customer.id,
        customerName: customer.name,
        purpose: input.purpose,
        validFrom: input.validFrom,
        validTo: input.validTo,
        method: 'scan',
        attachmentId: null,
        status: 'active',
        recordedByName: caller.displayName,
        recordedAt: new Date(),
        revokedBy: null,
        revokedByName: null,
        revokedAt: null,
        revokeReason: null,
        version: 1,
      };
      await transactionBefore(ds, deadline, async (m) => {
        const scan = await files.add(
          m,
          caller,
          { kind: 'authorization', id: row.id, bankId: row.bankId, orgId: row.orgId, orgPath: row.orgPath },
          { kind: 'bureau_authorization', ...input.scan },
        );
        row.attachmentId = scan.id;
        await m.getRepository(AuthorizationEntity).insert(row);
      });
      const out = toAuthorization(row, today);
      audit.after = out;
      return out;
    }),

    route(bureauApi.revokeAuthorization, async ({ caller, input, deadline, audit }) => {
      const today = businessDate();
      return transactionBefore(ds, deadline, async (m) => {
        const row = await authorizationInScope(m, caller, input.id, 'write');
        if (row.status !== 'active') throw new ConflictError('already revoked', 'ALREADY_REVOKED');
        audit.before = toAuthorization(row, today);
        const revoked: AuthorizationRow = {
          ...row,
          status: 'revoked',
          revokedBy: caller.userId,
          revokedByName: caller.displayName,
          revokedAt: new Date(),
          revokeReason: input.reason,
          version: row.version + 1,
        };
        const res = await m
          .getRepository(AuthorizationEntity)
          .createQueryBuilder()
          .update()
          .set({
            status: revoked.status,
            revokedBy: revoked.revokedBy,
            revokedByName: revoked.revokedByName,
            revokedAt: revoked.revokedAt,
            revokeReason: revoked.revokeReason,
            version: revoked.version,
          })
          .where('id = :id AND version = :v AND status = :s', { id: row.id, v: row.version, s: 'active' })
          .execute();
        if (!res.affected) throw new ConflictError('changed by someone else, reload', 'CONCURRENT_UPDATE');
        const out = toAuthorization(revoked, today);
        audit.after = out;
        return out;
      });
    }),

    route(bureauApi.queryReport, async ({ caller, input, clientIp, deadline, audit }) => {
      if (!resolveApplication) throw new UnavailableError('applications are not wired to the bureau yet');
      const app = await resolveApplication(caller, input.id, 'write');
      const report = await query(caller, app, app.label ?? `授信申请 ${app.id}`, {
        clientIp,
        deadline,
        onReport,
      });
      audit.after = { reportId: report.id, reference: report.reference };
      return report;
    }),

    route(bureauApi.getReport, async ({ caller, input }) => {
      const row = await scopedQuery(ds, ReportEntity, 'r', caller)
        .andWhere('r.id = :id', { id: input.id })
        .getOne();
      if (!row) throw new NotFoundError('report not found');
      return toReport(row);
    }),

    route(bureauApi.listQueries, async ({ caller, input }) => {
      const qb = scopedQuery(ds, QueryEntity, 'q', caller).orderBy('q.at', 'DESC').addOrderBy('q.id', 'DESC');
      if (input.customerId) qb.andWhere('q.customer_id = :c', { c: input.customerId });
      else qb.take(LIST_LIMIT);
      return { items: (await qb.getMany()).map(toQuery) };
    }),
  ];

  return {
    routes,
    port,
    useApplications(resolve, report) {
      resolveApplication = resolve;
      onReport = report ?? null;
    },
  };
}
