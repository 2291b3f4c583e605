import { z } from 'zod';
import { DataScopes } from './permissions.ts';

/** Who is calling: carried from the gateway to services inside a signed, short-lived token. */
export const Principal = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  bankId: z.string(),
  bankName: z.string(),
  orgId: z.string(),
  /** Materialised path of the user's org, e.g. `/b1/b1-hq/b1-br1/`. */
  orgPath: z.string(),
  orgName: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  dataScope: z.enum(DataScopes),
  /**
   * For `dataScope: 'custom'`: the org ids whose records the user sees (besides their own records),
   * already expanded by the platform from every role the user holds.
   */
  scopeOrgIds: z.array(z.string()).optional(),
  /** Post codes held (e.g. `account_manager`, `approver`); posts say what a person does, roles what they may do. */
  posts: z.array(z.string()).optional(),
  /** The server-side session this principal was issued for (set by the platform at sign-in). */
  sessionId: z.string().optional(),
});
export type Principal = z.infer<typeof Principal>;
