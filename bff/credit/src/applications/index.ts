import type { Bureau, Catalogue, CreditPart, Files, Limits, PartDeps, PartSchema } from '../ports.ts';
import { ApplicationEntity } from './application.entity.ts';
import { CreditApplications1766500000000 } from './application.migration.ts';
import { applicationRoutes } from './application.routes.ts';
import { ApplicationService } from './application.service.ts';

/** The application's life cycle, evidence, to-dos, statistics. */
export const applicationsSchema: PartSchema = {
  entities: [ApplicationEntity],
  migrations: [CreditApplications1766500000000],
};

export function createApplications(
  deps: PartDeps & {
    catalogue: Catalogue;
    bureau: Bureau;
    files: Files;
    limits: Limits;
    eventsCommitted: () => void;
  },
): CreditPart<ApplicationService> {
  const service = new ApplicationService(deps);
  return { routes: applicationRoutes(service), port: service };
}
