import { AppError } from '@zhanye/kit';
import type { Catalogue, CreditPart, PartDeps, PartSchema } from '../ports.ts';

/** Products, the LPR, pricing, the process-mode and authority tables. (Being built: issue 9.) */
export const catalogueSchema: PartSchema = { entities: [], migrations: [] };

const notYet = () => Promise.reject(new AppError('UNAVAILABLE', 'the credit catalogue is not built yet'));

export function createCatalogue(_deps: PartDeps): CreditPart<Catalogue> {
  return {
    routes: [],
    port: { product: notYet, products: notYet, quote: notYet, decideMode: notYet, authority: notYet },
  };
}
