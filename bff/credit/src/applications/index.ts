import type { Bureau, Catalogue, CreditPart, Files, Limits, PartDeps, PartSchema } from '../ports.ts';

/** The application's life cycle, evidence, to-dos, statistics. (Being built: issue 9.) */
export const applicationsSchema: PartSchema = { entities: [], migrations: [] };

export function createApplications(
  _deps: PartDeps & { catalogue: Catalogue; bureau: Bureau; files: Files; limits: Limits },
): CreditPart<null> {
  return { routes: [], port: null };
}
