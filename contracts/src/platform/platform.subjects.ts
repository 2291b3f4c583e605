import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { Principal } from '../principal.ts';
import { LoginInput } from './platform.schema.ts';

/** Gateway -> platform: check a password, return who it is. */
export const authenticateCall = internalCall({
  subject: 'svc.platform.authenticate',
  service: 'platform',
  input: LoginInput,
  output: z.object({ principal: Principal }),
});

/** Release tooling -> platform: register (and activate) a built app version in the registry. */
export const registerReleaseCall = internalCall({
  subject: 'svc.platform.register-release',
  service: 'platform',
  input: z.object({
    app: z.string().regex(/^mf-[a-z-]+$/),
    scope: z.string().regex(/^[a-z_]+$/),
    version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/),
    manifestUrl: z.string().startsWith('/apps/'),
    route: z.string().regex(/^\/[a-z-]+$/),
    activate: z.boolean().default(true),
  }),
  output: z.object({ ok: z.literal(true) }),
});
