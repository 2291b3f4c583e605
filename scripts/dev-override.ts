/**
 * `pnpm dev-override --app mf-credit --url http://localhost:3102/mf-manifest.json [--minutes 60]`:
 * asks the platform for a signed, expiring override for the signed-in developer and prints the
 * workbench link that activates it in one browser tab (the shell then shows a banner).
 *
 * Environment: ZY_URL (default http://localhost:8080), ZY_DEV_USER (default dev1),
 * ZY_DEV_PASSWORD (default: the demo password on this machine).
 */
import { parseArgs } from 'node:util';
import { DevOverride } from '@zhanye/contracts';
import { DEMO_PASSWORD, signIn } from './lib/stack.ts';

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    url: { type: 'string' },
    minutes: { type: 'string', default: '60' },
  },
});
if (!values.app || !values.url) {
  console.error(
    'usage: dev-override --app <mf-app> --url <http://localhost:PORT/mf-manifest.json> [--minutes N]',
  );
  process.exit(2);
}
const base = process.env.ZY_URL ?? 'http://localhost:8080';
const session = await signIn(
  base,
  process.env.ZY_DEV_USER ?? 'dev1',
  process.env.ZY_DEV_PASSWORD ?? DEMO_PASSWORD,
);
const res = await session.fetch('/api/platform/dev-overrides', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ app: values.app, manifestUrl: values.url, minutes: Number(values.minutes) }),
});
if (!res.ok) {
  console.error(`refused: ${res.status} ${await res.text()}`);
  process.exit(1);
}
const grant = DevOverride.parse(await res.json());
console.log(`override for ${grant.app} -> ${grant.manifestUrl}, until ${grant.expiresAt}`);
console.log(`open: ${base}/?zyDevOverride=${encodeURIComponent(grant.token)}`);
