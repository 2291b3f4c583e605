import { createHash } from 'node:crypto';

/** The hash of the empty chain (before the first record). */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same record always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What is hashed: every stored field of a record except its own hash. */
export interface ChainedFields {
  id: string;
  seq: number;
  at: string;
  userId: string | null;
  username: string | null;
  bankId: string | null;
  orgId: string | null;
  orgPath: string | null;
  action: string;
  target: string | null;
  result: string;
  status: number;
  requestId: string;
  service: string;
  input: unknown;
  before: unknown;
  after: unknown;
}

/** sha256(prevHash + canonical JSON of the record), hex. */
export function chainHash(prevHash: string, record: ChainedFields): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(record))
    .digest('hex');
}
