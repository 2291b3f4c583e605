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
