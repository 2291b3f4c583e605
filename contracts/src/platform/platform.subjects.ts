import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { Principal } from '../principal.ts';
import { LoginInput } from './platform.schema.ts';
import { ReleaseInput } from './release.schema.ts';

/** Gateway -> platform: check a password, return who it is. */
export const authenticateCall = internalCall({
  subject: 'svc.platform.authenticate',
  service: 'platform',
  input: LoginInput,
  output: z.object({ principal: Principal }),
});

/**
 * Release tooling -> platform: register a built version (the same service method and compatibility
 * gate as `platformApi.registerRelease`) and, with `activate`, make it the default. Used to bootstrap
 * a namespace, where nobody can sign in yet; only the `system:release` caller may use it.
 */
export const registerReleaseCall = internalCall({
  subject: 'svc.platform.register-release',
  service: 'platform',
  input: ReleaseInput.extend({ activate: z.boolean().default(true) }),
  output: z.object({ ok: z.literal(true), created: z.boolean(), activated: z.boolean() }),
});
