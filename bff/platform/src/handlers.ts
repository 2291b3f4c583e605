import { auditApi, domainNames, type Principal, platformApi, registerReleaseCall } from '@zhanye/contracts';
import { answer, type Bus, ForbiddenError, type Logger, route, serviceInstances } from '@zhanye/kit';
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
export function platformAnswers(releases: ReleaseService) {
  return [
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
