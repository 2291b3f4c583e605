import { AppError } from '@zhanye/kit';
import type { Files, PartDeps, PartSchema } from '../ports.ts';

/** Files kept with applications and authorisations. (Being built: issue 9.) */
export const filesSchema: PartSchema = { entities: [], migrations: [] };

const notYet = () => Promise.reject(new AppError('UNAVAILABLE', 'credit files are not built yet'));

export function createFiles(_deps: PartDeps): Files {
  return { add: notYet, list: notYet };
}
