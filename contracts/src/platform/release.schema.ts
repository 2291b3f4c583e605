import { z } from 'zod';
import { IsoDateTime, wholeNumber } from '../http.ts';

const SemVer = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'must be a semantic version like 1.2.3');
/** `shell` or a domain app id such as `mf-credit`. */
export const AppId = z.string().regex(/^(shell|mf-[a-z][a-z-]*)$/, 'must be shell or mf-<domain>');

/** What a release step registers: an immutable build, described by its Module Federation manifest. */
export const ReleaseInput = z.object({
  app: AppId,
  version: SemVer,
  /** MF container name (apps only). */
  scope: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional(),
  /** Workbench route prefix (apps only). */
  route: z
    .string()
    .regex(/^\/[a-z-]+$/)
    .optional(),
  /** URL of the version's `mf-manifest.json` in the static store (apps only). */
  manifestUrl: z.string().startsWith('/apps/').optional(),
  /** `MOUNT_CONTRACT_VERSION` the build was made against. */
  contractVersion: SemVer,
  /** Shared singletons the build needs: package -> semver range. */
  shared: z.record(z.string(), z.string()),
  /** Shell only: shared singletons it provides: package -> exact version. */
  provides: z.record(z.string(), SemVer).default({}),
  commit: z.string().max(64),
  builtAt: IsoDateTime,
  /** File (relative to the version folder) -> `sha384-...` subresource integrity. */
  integrity: z.record(z.string(), z.string()),
});
export type ReleaseInput = z.infer<typeof ReleaseInput>;

export const Release = ReleaseInput.extend({ registeredBy: z.string(), createdAt: IsoDateTime });
export type Release = z.infer<typeof Release>;

/**
 * Which version a user gets. Resolution per app: an active `bank` rule for the user's bank, else a
 * `role` rule for one of their roles, else a `percent` canary (sticky: a hash of user and app),
 * else the `default` rule.
 */
export const RuleKind = z.enum(['default', 'bank', 'role', 'percent']);
export const RuleState = z.enum(['pending_approval', 'active', 'paused', 'retired']);
export const RolloutRule = z.object({
  id: z.string(),
  app: z.string(),
  version: z.string(),
  kind: RuleKind,
  /** Bank id for `bank`, role code for `role`, null otherwise. */
  target: z.string().nullable(),
  /** 1-99 for `percent`, null otherwise. */
  percent: z.number().int().nullable(),
  state: RuleState,
  requestedBy: z.string(),
  approvedBy: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type RolloutRule = z.infer<typeof RolloutRule>;

export const CreateRule = z
  .object({
    app: AppId,
    version: SemVer,
    kind: RuleKind,
    target: z.string().trim().min(1).max(64).nullable().default(null),
    percent: wholeNumber({ min: 1, max: 99 }).nullable().default(null),
  })
  .superRefine((r, ctx) => {
    if ((r.kind === 'bank' || r.kind === 'role') && !r.target) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: `required for a ${r.kind} rule` });
    }
    if (r.kind === 'percent' && r.percent === null) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'required for a percent rule' });
    }
  });

export const RolloutEvent = z.object({
  id: z.string(),
  app: z.string(),
  action: z.string(),
  version: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  actor: z.string(),
  at: IsoDateTime,
});

export const AppRollout = z.object({
  app: z.string(),
  releases: z.array(Release),
  rules: z.array(RolloutRule),
  history: z.array(RolloutEvent),
});
export type AppRollout = z.infer<typeof AppRollout>;

export const ServiceInfo = z.object({
  name: z.string(),
  instances: z.array(
    z.object({
      id: z.string(),
      version: z.string(),
      /** When this copy's process (last) started. */
      started: z.string(),
      /** How often its supervisor restarted the process after it died. */
      restarts: z.number().int().nonnegative(),
      requests: z.record(z.string(), z.number()),
    }),
  ),
});
