import { authenticateCall, platformApi, registerReleaseCall } from '@zhanye/contracts';
import { answer, ForbiddenError, route } from '@zhanye/kit';
import type { MenuService } from './access/menu.service.ts';
import type { IdentityService } from './identity/identity.service.ts';

export function platformRoutes(menus: MenuService) {
  return [
    route(platformApi.me, async ({ caller }) => ({ user: caller, menus: await menus.menusFor(caller) })),
    route(platformApi.registry, async ({ caller }) => ({ remotes: await menus.remotesFor(caller) })),
  ];
}

/** Internal calls: only the gateway may authenticate, only release tooling may register. */
export function platformAnswers(identity: IdentityService, menus: MenuService) {
  return [
    answer(authenticateCall, async ({ caller, input }) => {
      if (caller.userId !== 'system:gateway') throw new ForbiddenError('only the gateway authenticates');
      return { principal: await identity.authenticate(input.username, input.password) };
    }),
    answer(registerReleaseCall, async ({ caller, input, log }) => {
      if (caller.userId !== 'system:release')
        throw new ForbiddenError('only release tooling registers releases');
      await menus.registerRelease(input, caller.userId);
      log.info({ audit: 'registry.register', ...input }, 'release registered');
      return { ok: true as const };
    }),
  ];
}
