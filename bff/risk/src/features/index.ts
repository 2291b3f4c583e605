import type { EntitySchema, MigrationInterface } from 'typeorm';
import { RiskReadModel1767300000000 } from './1767300000000-read-model.ts';

/** The feature factory's tables: risk's read model (customers, facts) and the definitions. */
export const featuresSchema: { entities: EntitySchema[]; migrations: (new () => MigrationInterface)[] } = {
  entities: [],
  migrations: [RiskReadModel1767300000000],
};
