import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where this installation keeps its development secrets: `.var/dev-secrets.json` at the repository
 * root (git-ignored, mode 0600), or `ZY_DEV_SECRETS_FILE`.
 */
export const devSecretsFile = () =>
  process.env.ZY_DEV_SECRETS_FILE ??
  fileURLToPath(new URL('../../../.var/dev-secrets.json', import.meta.url));

/** Per file: the secrets read or made by this process. */
const cached = new Map<string, Record<string, string>>();

function load(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${file} is not readable JSON: delete it to make new development secrets`);
  }
}

/**
 * A development secret of this installation: random, made on first use and kept, so every process
 * of one checkout (services, gateway, tests) agrees and no two installations share one. Without it
 * the published defaults would let anyone sign tokens a `pnpm start` stack accepts. Never used with
 * `ZY_ENV=production`, which requires every secret to be set (kit `productionProblems`).
 */
export function devSecret(name: string): string {
  const file = devSecretsFile();
  const known = (cached.get(file) ?? cached.set(file, load(file)).get(file))?.[name];
  if (known) return known;
  mkdirSync(dirname(file), { recursive: true });
  // several processes may start at once: the first to link its complete file wins, others read it
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = load(file);
    if (current[name]) {
      cached.set(file, current);
      return current[name];
    }
    const next = { ...current, [name]: randomBytes(32).toString('base64url') };
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    try {
      if (Object.keys(current).length === 0) linkSync(tmp, file);
      else {
        // adding a name to an existing file: replace it only if nobody changed it meanwhile
        if (JSON.stringify(load(file)) !== JSON.stringify(current)) continue;
        writeFileSync(file, readFileSync(tmp), { mode: 0o600 });
      }
      cached.set(file, next);
      return next[name]!;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  throw new Error(`could not keep development secret ${name} in ${file}`);
}
