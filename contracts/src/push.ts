import { z } from 'zod';

/**
 * Notices a service pushes to signed-in browsers (a new warning, a batch run's progress, a to-do
 * that arrived). A service publishes a `PushNotice` on `push.<its domain>` (core NATS, at most once:
 * a page that must not miss anything re-reads its data on `access` too); every gateway copy forwards
 * it on the server-sent events stream (`/api/auth/events`, event `notice`) of each session whose
 * principal is in the notice's audience; the shell hands it to the apps (`zy:notice` window event,
 * app-kit `onNotice`). A notice carries no personal data beyond what its audience may read, and a
 * domain may push only notices of its own type (`<domain>.<kind>`): the gateway drops the rest.
 */
export const PushAudience = z.union([
  /** One user. */
  z.object({ userId: z.string().min(1) }),
  /** Whoever holds a post in an org (exactly that org, like a to-do's post assignee). */
  z.object({ post: z.string().min(1), orgPath: z.string().min(1) }),
  /** Whoever holds a permission, in an org and below it (or the whole bank). */
  z.object({ permission: z.string().min(1), orgPath: z.string().min(1).optional() }),
]);
export type PushAudience = z.infer<typeof PushAudience>;

export const PushNotice = z.object({
  bankId: z.string().min(1),
  to: PushAudience,
  /** `<domain>.<kind>`, e.g. `risk.warning`, `risk.batch.progress`. */
  type: z.string().regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/),
  /** What the page needs to update itself (ids, counts): small, and never more than the audience may read. */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type PushNotice = z.infer<typeof PushNotice>;

/** What reaches the browser for a notice (the audience stays on the server). */
export const PushedNotice = PushNotice.pick({ type: true, data: true });
export type PushedNotice = z.infer<typeof PushedNotice>;

/** The subject a domain's notices travel on (relative: the bus adds the namespace). */
export const pushSubject = (domain: string) => `push.${domain}`;
/** The name of the window event the shell dispatches for each notice (detail: `PushedNotice`). */
export const NOTICE_EVENT = 'zy:notice';

/** Whether a principal is in a notice's audience. */
export function inAudience(
  p: { bankId: string; userId: string; orgPath: string; posts?: string[]; permissions: string[] },
  notice: Pick<PushNotice, 'bankId' | 'to'>,
): boolean {
  if (p.bankId !== notice.bankId) return false;
  const to = notice.to;
  if ('userId' in to) return to.userId === p.userId;
  if ('post' in to) return to.orgPath === p.orgPath && (p.posts ?? []).includes(to.post);
  return p.permissions.includes(to.permission) && (!to.orgPath || p.orgPath.startsWith(to.orgPath));
}
