import { AppError } from '@zhanye/kit';
import type { Bureau, CreditPart, Files, PartDeps, PartSchema } from '../ports.ts';

/** Bureau authorisations, queries and reports. (Being built: issue 9.) */
export const bureauSchema: PartSchema = { entities: [], migrations: [] };

const notYet = () => Promise.reject(new AppError('UNAVAILABLE', 'the credit bureau part is not built yet'));

export function createBureau(_deps: PartDeps & { files: Files }): CreditPart<Bureau> {
  return { routes: [], port: { report: notYet, get: notYet } };
}
