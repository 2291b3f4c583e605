import { EntitySchema } from 'typeorm';

/** The bank key of the union's standard flows. */
export const UNION = '*';

/** A flow of one owner (the union `*` or a bank): its title and its release (what answers). */
export interface FlowRow {
  bankId: string;
  name: string;
  title: string;
  description: string;
  stableVersion: number | null;
  canaryVersion: number | null;
  canaryPercent: number;
  /** Optimistic lock: bumped by every release change. */
  rowVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const FlowEntity = new EntitySchema<FlowRow>({
  name: 'flow',
  tableName: 'flow',
  columns: {
    bankId: { name: 'bank_id', type: 'varchar', length: 64, primary: true },
    name: { type: 'varchar', length: 100, primary: true },
    title: { type: 'varchar', length: 100 },
    description: { type: 'varchar', length: 500 },
    stableVersion: { name: 'stable_version', type: 'int', nullable: true },
    canaryVersion: { name: 'canary_version', type: 'int', nullable: true },
    canaryPercent: { name: 'canary_percent', type: 'int' },
    rowVersion: { name: 'row_version', type: 'int' },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3 },
  },
});

export type VersionStatus = 'draft' | 'stable' | 'canary' | 'retired';

/** One immutable version of a flow (content, hash, features); only a draft's cases change. */
export interface FlowVersionRow {
  name: string;
  version: number;
  /** The owner: `*` (union) or a bank id. */
  bankId: string;
  title: string;
  /** The JDM document (JSON), exactly as saved. */
  content: string;
  /** SHA-256 (hex) of `content`. */
  hash: string;
  /** JSON array of feature names. */
  features: string;
  note: string;
  /** JSON array of test cases. */
  cases: string;
  /** JSON of the last test run's summary, or null. */
  lastTest: string | null;
  status: VersionStatus;
  authorId: string;
  authorName: string;
  createdAt: Date;
  publishedAt: Date | null;
  publishedById: string | null;
  publishedByName: string | null;
}

export const FlowVersionEntity = new EntitySchema<FlowVersionRow>({
  name: 'flow_version',
  tableName: 'flow_version',
  columns: {
    name: { type: 'varchar', length: 100, primary: true },
    version: { type: 'int', primary: true },
    bankId: { name: 'bank_id', type: 'varchar', length: 64 },
    title: { type: 'varchar', length: 100 },
    content: { type: 'longtext' },
    hash: { type: 'char', length: 64 },
    features: { type: 'text' },
    note: { type: 'varchar', length: 200 },
    cases: { type: 'longtext' },
    lastTest: { name: 'last_test', type: 'text', nullable: true },
    status: { type: 'varchar', length: 16 },
    authorId: { name: 'author_id', type: 'varchar', length: 64 },
    authorName: { name: 'author_name', type: 'varchar', length: 64 },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
    publishedAt: { name: 'published_at', type: 'datetime', precision: 3, nullable: true },
    publishedById: { name: 'published_by_id', type: 'varchar', length: 64, nullable: true },
    publishedByName: { name: 'published_by_name', type: 'varchar', length: 64, nullable: true },
  },
});

/** One change of an owner's release (publish, canary, promote, abort, rollback). */
export interface FlowReleaseRow {
  id: string;
  bankId: string;
  name: string;
  action: string;
  version: number;
  canaryPercent: number;
  note: string;
  actorId: string;
  actorName: string;
  at: Date;
}

export const FlowReleaseEntity = new EntitySchema<FlowReleaseRow>({
  name: 'flow_release',
  tableName: 'flow_release',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    bankId: { name: 'bank_id', type: 'varchar', length: 64 },
    name: { type: 'varchar', length: 100 },
    action: { type: 'varchar', length: 16 },
    version: { type: 'int' },
    canaryPercent: { name: 'canary_percent', type: 'int' },
    note: { type: 'varchar', length: 200 },
    actorId: { name: 'actor_id', type: 'varchar', length: 64 },
    actorName: { name: 'actor_name', type: 'varchar', length: 64 },
    at: { type: 'datetime', precision: 3 },
  },
});
