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
});
export type Principal = z.infer<typeof Principal>;
