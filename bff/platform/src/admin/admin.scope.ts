import type { Principal } from '@zhanye/contracts';
import { type AuditNotes, ConflictError, ForbiddenError, NotFoundError } from '@zhanye/kit';
import { UNION_BANK } from '../seed/access.seed.ts';

/**
 * Who may administer what. A bank administrator acts in their own bank only: another bank's
 * records are "not found" (404), never "forbidden", so ids of other banks cannot be probed.
 * Union administrators (the union's users with data scope `all`) act in every bank.
 */
export const isUnionAdmin = (c: Principal): boolean => c.bankId === UNION_BANK && c.dataScope === 'all';

/** 404 unless the caller administers `bankId` (null: a shared record, readable by every bank). */
export function assertBank(c: Principal, bankId: string | null | undefined, what: string): void {
  if (bankId === undefined) throw new NotFoundError(`${what} not found`);
  if (bankId === null || isUnionAdmin(c) || bankId === c.bankId) return;
  throw new NotFoundError(`${what} not found`);
}

/** The bank a request acts in: the caller's own; a union admin may name another. */
export function actingBank(c: Principal, requested?: string | null): string {
  if (!requested || requested === c.bankId) return c.bankId;
  if (isUnionAdmin(c)) return requested;
  throw new NotFoundError('bank not found');
}

export function requireUnion(c: Principal, what: string): void {
  if (!isUnionAdmin(c)) throw new ForbiddenError(`only the union's administrators ${what}`);
}

/** A change as the audit log records it (`ctx.audit`): the entity and its state before and after. */
export interface Change<T> {
  out: T;
  target: string;
  before: unknown;
  after: unknown;
}

/** Copies a change's audit detail into the request's audit record and returns its result. */
export function audited<T>(audit: AuditNotes, change: Change<T>): T {
  audit.target = change.target;
  audit.before = change.before;
  audit.after = change.after;
  return change.out;
}

/** A duplicate key (two admins racing on the same code) is a conflict, not a 500. */
export async function uniquely<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const code =
      (e as { code?: string; driverError?: { code?: string } }).driverError?.code ??
      (e as { code?: string }).code;
    if (code === 'ER_DUP_ENTRY') throw new ConflictError(`${what} already exists`, 'DUPLICATE');
    throw e;
  }
}
