import { z } from 'zod';

/**
 * Turns off zod's JIT before any schema exists. zod compiles object parsers with `new Function`
 * and probes for it once, when the first object schema is built; under the gateway's CSP
 * (`script-src 'self'`, no `unsafe-eval`) the probe is refused and the browser reports a CSP
 * violation on every page, although zod then falls back by itself. With `jitless` it never probes.
 *
 * Import it first in every browser entry (the workbench, the login page's client, each app):
 * the apps share one zod with the shell, but a page or app that runs its own copy configures that
 * copy too. Servers keep the JIT (they have no CSP, and it is faster).
 */
z.config({ jitless: true });
