import { z } from 'zod';
import { eventDef } from '../bus.ts';

/**
 * An org (with its subtree) moved under another parent: every domain row whose `org_path` starts
 * with `fromPath` now starts with `toPath`. Domain services follow it (kit `followOrgMoves`) so
 * "org and below" keeps meaning the tree as the administrators see it.
 */
export const orgMoved = eventDef({
  subject: 'evt.platform.org.moved',
  payload: z.object({
    bankId: z.string(),
    orgId: z.string(),
    fromPath: z.string().startsWith('/'),
    toPath: z.string().startsWith('/'),
  }),
});
