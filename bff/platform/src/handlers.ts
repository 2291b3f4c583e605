import {
  auditApi,
  colleaguesCall,
  domainNames,
  orgTreeCall,
  type Principal,
  platformApi,
  registerReleaseCall,
} from '@zhanye/contracts';
import {
  answer,
  type Bus,
  ForbiddenError,
  type Logger,
  likePrefix,
  marks,
  route,
  serviceInstances,
} from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { MenuService } from './access/menu.service.ts';
import type { AuditService } from './audit/audit.service.ts';
import type { DevOverrideService } from './registry/dev-override.service.ts';
import { type Act, type ReleaseService, releaseBank } from './registry/release.service.ts';

/** A release operation by a signed-in release manager: the union's, or a bank's (see `releaseBank`). */
const act = (caller: Principal, log: Logger): Act => ({
  actor: caller.userId,
  bank: releaseBank(caller),
  log,
});

export function platformRoutes(
  menus: MenuService,
  releases: ReleaseService,
  overrides: DevOverrideService,
  bus: Bus,
  audit: AuditService,
) {
  return [
    route(platformApi.me, async ({ caller }) => ({ user: caller, menus: await menus.menusFor(caller) })),
    route(platformApi.registry, async ({ caller, input, log }) => {
      const tokens = (input.overrides ?? '').split(',').filter(Boolean);
      return { remotes: await overrides.apply(caller, await menus.remotesFor(caller), tokens, log) };
    }),
    route(platformApi.createDevOverride, ({ caller, input, log }) => overrides.create(caller, input, log)),
    route(
      platformApi.registerRelease,
      async ({ caller, input, log }) => (await releases.register(input, act(caller, log))).release,
    ),
    route(platformApi.rollout, async ({ caller, input }) => {
      const onlyBank = releaseBank(caller);
      return { apps: await releases.rollout(input.app, onlyBank), onlyBank };
    }),
    route(platformApi.createRule, ({ caller, input, log }) => releases.createRule(input, act(caller, log))),
    route(platformApi.approveRule, ({ caller, input, log }) =>
      releases.approveRule(input.id, act(caller, log)),
    ),
    route(platformApi.pauseRule, ({ caller, input, log }) => releases.pauseRule(input.id, act(caller, log))),
    route(platformApi.resumeRule, ({ caller, input, log }) =>
      releases.resumeRule(input.id, act(caller, log)),
    ),
    route(platformApi.promote, ({ caller, input, log }) =>
      releases.promote(input.app, input.version, act(caller, log)),
    ),
    route(platformApi.rollback, ({ caller, input, log }) =>
      releases.rollback(input.app, input.version, act(caller, log)),
    ),
    route(platformApi.services, async () => ({
      services: await Promise.all(
        domainNames().map(async (name) => ({ name, instances: await serviceInstances(bus, name) })),
      ),
    })),
    route(auditApi.auditLog, ({ caller, input }) => audit.list(caller, input)),
    route(auditApi.verifyAudit, ({ caller }) => audit.verify(caller)),
  ];
}

/** Internal calls: only release tooling may register (sign-in calls: session/session.routes.ts). */
/** Only a domain service acting for a signed-in user of a bank (never the union's `all` nor a system caller). */
function bankCaller(caller: Principal): string {
  if (caller.userId.startsWith('system:') || caller.bankId === '*')
    throw new ForbiddenError('a bank user is needed');
  return caller.bankId;
}

export function platformAnswers(releases: ReleaseService, ds: DataSource) {
  return [
    answer(orgTreeCall, async ({ caller }) => {
      const orgs: { id: string; parent_id: string | null; path: string; name: string; kind: string }[] =
        await ds.query('SELECT id, parent_id, path, name, kind FROM org WHERE bank_id = ? ORDER BY path', [
          bankCaller(caller),
        ]);
      return {
        orgs: orgs.map((o) => ({
          id: o.id,
          parentId: o.parent_id,
          path: o.path,
          name: o.name,
          kind: o.kind,
        })),
      };
    }),
    answer(colleaguesCall, async ({ caller, input }) => {
      const where = ['u.bank_id = ?', "u.status = 'active'"];
      const params: unknown[] = [bankCaller(caller)];
      if (input.post) {
        where.push(
          'EXISTS (SELECT 1 FROM user_post up JOIN post p ON p.id = up.post_id WHERE up.user_id = u.id AND p.code = ?)',
        );
        params.push(input.post);
      }
      if (input.orgPath) {
        where.push('o.path LIKE ?');
        params.push(likePrefix(input.orgPath));
      }
      if (input.userIds) {
        if (!input.userIds.length) return { users: [] };
        where.push(`u.id IN (${marks(input.userIds.length)})`);
        params.push(...input.userIds);
      }
      const rows: {
        id: string;
        display_name: string;
        org_id: string;
        org_name: string;
        org_path: string;
        posts: string | null;
      }[] = await ds.query(
        `SELECT u.id, u.display_name, u.org_id, o.name AS org_name, o.path AS org_path,
                  (SELECT GROUP_CONCAT(p.code ORDER BY p.sort SEPARATOR ',') FROM user_post up JOIN post p ON p.id = up.post_id
                    WHERE up.user_id = u.id) AS posts
             FROM user u JOIN org o ON o.id = u.org_id
            WHERE ${where.join(' AND ')} ORDER BY o.path, u.display_name LIMIT 200`,
        params,
      );
      return {
        users: rows.map((r) => ({
          userId: r.id,
          displayName: r.display_name,
          orgId: r.org_id,
          orgName: r.org_name,
          orgPath: r.org_path,
          posts: r.posts ? r.posts.split(',') : [],
        })),
      };
    }),
    answer(registerReleaseCall, async ({ caller, input, log }) => {
      if (caller.userId !== 'system:release')
        throw new ForbiddenError('only release tooling registers releases');
      const { activate, ...release } = input;
      // release tooling bootstraps a namespace for everyone
      const out = await releases.register(release, { actor: caller.userId, bank: null, log }, { activate });
      return { ok: true as const, created: out.created, activated: out.activated };
    }),
  ];
}
