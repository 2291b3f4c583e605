import { AppError } from '@zhanye/kit';
import type { CreditPart, Limits, PartDeps, PartSchema } from '../ports.ts';

/** Limits, their ledger, adjustments, reserve and release, renewal. (Being built: issue 9.) */
export const limitsSchema: PartSchema = { entities: [], migrations: [] };

const notYet = () => Promise.reject(new AppError('UNAVAILABLE', 'credit limits are not built yet'));

export function createLimits(_deps: PartDeps): CreditPart<Limits> {
  return { routes: [], internal: [], jobs: [], port: { grant: notYet } };
}
