import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isCompressedSibling, precompressDir } from '@zhanye/app-kit/precompress';
import { MOUNT_CONTRACT_VERSION, type ReleaseInput } from '@zhanye/contracts';

/** An app (or the shell) as its package.json describes it. */
export interface AppPackage {
  app: string;
  dir: string;
  version: string;
  scope?: string;
  route?: string;
}

export function readApp(dir: string): AppPackage {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    zhanye?: { scope?: string; route?: string };
  };
  return {
    app: pkg.name,
    dir,
    version: pkg.version,
    scope: pkg.zhanye?.scope,
    route: pkg.zhanye?.route,
  };
}

/** Every file under `dir`, relative with `/` separators, sorted. */
function filesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * File -> `sha384-<base64>` (subresource integrity) for every file of a build. The precompressed
 * siblings (`a.js.br`, `a.js.gz`) are not files of the build: the hash of `a.js` covers what the
 * browser gets after decoding, and `stage` checks that each sibling decodes to its file.
 */
export function integrityOf(dir: string): Record<string, string> {
  const files = filesOf(dir);
  const all = new Set(files);
  return Object.fromEntries(
    files
      .filter((f) => !isCompressedSibling(f, all))
      .map((f) => [
        f,
        `sha384-${createHash('sha384')
          .update(readFileSync(join(dir, f)))
          .digest('base64')}`,
      ]),
  );
}

function gitCommit(cwd: string): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('rev-parse', 'HEAD');
    const dirty = git('status', '--porcelain', '--', '.');
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}

interface ManifestShared {
  name: string;
  version?: string;
  requiredVersion?: string | false;
}

/**
 * Describes a build in `<app>/dist` as the registry wants it: shared singletons and their ranges
 * from the Module Federation manifest (for the shell also the versions it provides), the mount
 * contract version, commit, build time (the manifest's mtime, so the same build describes itself
 * the same way twice) and an integrity hash per file.
 */
export function describeBuild(pkg: AppPackage, version = pkg.version): ReleaseInput {
  const dist = join(pkg.dir, 'dist');
  const manifestFile = join(dist, 'mf-manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`${pkg.app} is not built (no dist/mf-manifest.json): run pnpm --filter ${pkg.app} build`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { shared?: ManifestShared[] };
  const shared: Record<string, string> = {};
  const provides: Record<string, string> = {};
  for (const s of manifest.shared ?? []) {
    if (s.requiredVersion) shared[s.name] = s.requiredVersion;
    if (s.version) provides[s.name] = s.version;
  }
  const common = {
    app: pkg.app,
    version,
    contractVersion: MOUNT_CONTRACT_VERSION,
    shared,
    commit: gitCommit(pkg.dir),
    builtAt: statSync(manifestFile).mtime.toISOString(),
    integrity: integrityOf(dist),
  };
  if (pkg.app === 'shell') return { ...common, provides };
  if (!pkg.scope || !pkg.route)
    throw new Error(`${pkg.app}/package.json needs zhanye.scope and zhanye.route`);
  return {
    ...common,
    provides: {},
    scope: pkg.scope,
    route: pkg.route,
    manifestUrl: `/apps/${pkg.app}/${version}/mf-manifest.json`,
  };
}

export interface Staged {
  /** `new`: copied aside, `place()` puts it in; `same`: the store already holds these files. */
  state: 'new' | 'same' | 'replaced';
  target: string;
  place(): void;
  discard(): void;
}

/**
 * Prepares the version folder `<store>/<app>/<version>/`. A folder that exists must hold exactly
 * these files (a release never changes) unless `replace` (the dev bootstrap of a working tree).
 * New files are copied aside first and moved in by `place()`, so a refused registration leaves
 * nothing behind. Every compressible file gets its `.br` and `.gz` siblings, each checked to decode
 * to the file (a build made without them, or a damaged one, is completed here).
 */
export function stage(
  store: string,
  build: ReleaseInput,
  dist: string,
  opts: { replace?: boolean } = {},
): Staged {
  const target = join(store, build.app, build.version);
  const noop = () => undefined;
  if (existsSync(target)) {
    const there = integrityOf(target);
    const same =
      Object.keys(there).length === Object.keys(build.integrity).length &&
      Object.entries(build.integrity).every(([f, h]) => there[f] === h);
    if (same) {
      precompressDir(target);
      return { state: 'same', target, place: noop, discard: noop };
    }
    if (!opts.replace) {
      throw new Error(
        `${target} already holds other files for ${build.app} ${build.version}: ` +
          'a released version never changes; give this build a new version (package.json or --version)',
      );
    }
    rmSync(target, { recursive: true, force: true });
    cpSync(dist, target, { recursive: true });
    precompressDir(target);
    return { state: 'replaced', target, place: noop, discard: noop };
  }
  const aside = join(store, build.app, `.${build.version}.${process.pid}.tmp`);
  mkdirSync(join(store, build.app), { recursive: true });
  cpSync(dist, aside, { recursive: true });
  precompressDir(aside);
  return {
    state: 'new',
    target,
    place: () => renameSync(aside, target),
    discard: () => rmSync(aside, { recursive: true, force: true }),
  };
}
