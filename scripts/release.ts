/**
 * `pnpm --filter <app> release [options]` (or `tsx scripts/release.ts --app <app> [options]`):
 * puts a built app (or the shell) into the static store as an immutable version and registers it in
 * the platform's release control plane, through the gateway, as a signed-in release manager.
 *
 *   --build                 run `pnpm --filter <app> build` first
 *   --version X             register the build under another version (testing a second version)
 *   --activate RULE         then activate it: default | bank:<bankId> | role:<roleCode> | percent:<1-99>
 *   --rule RULE             add a rule for a version already registered (--version X, default the
 *                           package's): what a bank's release manager does for their bank (no release)
 *   --promote X             make version X everybody's default (no release)
 *   --rollback [X]          everyone back to X, or to the previous default (no release)
 *   --pause ID | --resume ID | --approve ID    change a rule (no release)
 *   --status                print the app's releases, rules and recent history (no release)
 *
 * Environment: ZY_URL (default http://localhost:8080), ZY_RELEASE_USER (default union1: registering,
 * defaults and rollbacks are the union's; a bank's release manager may only `--activate bank:<own bank>`
 * and pause, resume or approve that bank's rules),
 * ZY_RELEASE_PASSWORD (required unless ZY_URL is this machine, where the demo password is used),
 * APP_STORE (default <repo>/.store/apps; the gateway must serve the same folder).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type ApiClient, type AppRollout, createApiClient, isApiError, platformApi } from '@zhanye/contracts';
import { describeBuild, readApp, stage } from './lib/artifact.ts';
import { DEMO_PASSWORD, repo, signIn } from './lib/stack.ts';

const usage = `usage: release [--app <app>] [--build] [--version X] [--activate default|bank:<id>|role:<code>|percent:<n>]
       release --rule default|bank:<id>|role:<code>|percent:<n> [--version X]
       release --promote X | --rollback [X] | --pause ID | --resume ID | --approve ID | --status`;

// `--rollback` may come without a version: give it an empty one so parseArgs accepts it
const argv = process.argv.slice(2).flatMap((a, i, all) => {
  const next = all[i + 1];
  return a === '--rollback' && (next === undefined || next.startsWith('--')) ? ['--rollback='] : [a];
});
const { values: opt } = parseArgs({
  args: argv,
  options: {
    app: { type: 'string' },
    build: { type: 'boolean', default: false },
    version: { type: 'string' },
    activate: { type: 'string' },
    rule: { type: 'string' },
    promote: { type: 'string' },
    rollback: { type: 'string' },
    pause: { type: 'string' },
    resume: { type: 'string' },
    approve: { type: 'string' },
    status: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (opt.help) {
  console.log(usage);
  process.exit(0);
}

/** The app: `--app`, else the package the command runs in (`pnpm --filter <app> release`). */
function appDir(): string {
  if (opt.app) return resolve(repo, opt.app);
  const cwd = process.cwd();
  if (resolve(cwd) !== resolve(repo) && existsSync(join(cwd, 'package.json'))) return cwd;
  throw new Error(`which app? run it as pnpm --filter <app> release, or pass --app\n${usage}`);
}

function parseRule(spec: string, app: string, version: string) {
  const [kind, value] = spec.split(':', 2) as [string, string | undefined];
  if (kind === 'default' && value === undefined)
    return { app, version, kind, target: null, percent: null } as const;
  if ((kind === 'bank' || kind === 'role') && value)
    return { app, version, kind, target: value, percent: null } as const;
  if (kind === 'percent' && value && /^\d+$/.test(value)) {
    return { app, version, kind, target: null, percent: Number(value) } as const;
  }
  throw new Error(`--activate ${spec}: expected default, bank:<bankId>, role:<roleCode> or percent:<1-99>`);
}

async function client(): Promise<{ api: ApiClient; who: string }> {
  const url = (process.env.ZY_URL ?? 'http://localhost:8080').replace(/\/$/, '');
  const user = process.env.ZY_RELEASE_USER ?? 'union1';
  const local = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(url);
  const password = process.env.ZY_RELEASE_PASSWORD ?? (local ? DEMO_PASSWORD : undefined);
  if (!password) throw new Error(`set ZY_RELEASE_PASSWORD (and ZY_RELEASE_USER) to sign in at ${url}`);
  const session = await signIn(url, user, password);
  const api = createApiClient({
    fetch: (input, init) => session.fetch(String(input), init),
    csrfToken: () => undefined, // session.fetch sends it
  });
  return { api, who: `${user} at ${url}` };
}

function printRollout(r: AppRollout) {
  const live = r.rules.filter((x) => x.state !== 'retired');
  console.log(`${r.app}: ${r.releases.length} release(s): ${r.releases.map((x) => x.version).join(', ')}`);
  for (const x of live) {
    const who =
      x.kind === 'percent'
        ? `${x.percent}%`
        : x.kind === 'default'
          ? 'everyone else'
          : `${x.kind} ${x.target}`;
    console.log(`  rule #${x.id}  ${x.version.padEnd(10)} ${who.padEnd(22)} ${x.state}`);
  }
  for (const e of r.history.slice(0, 10)) {
    console.log(`  ${e.at}  ${e.action.padEnd(12)} ${(e.version ?? '').padEnd(10)} by ${e.actor}`);
  }
}

async function main() {
  const dir = appDir();
  const pkg = readApp(dir);
  const app = pkg.app;

  // operations on what is registered: no build, no release
  const op = opt.rule ?? opt.promote ?? opt.rollback ?? opt.pause ?? opt.resume ?? opt.approve;
  if (op !== undefined || opt.status) {
    const { api, who } = await client();
    console.log(`signed in as ${who}`);
    if (opt.rule !== undefined) {
      const r = await api.call(platformApi.createRule, parseRule(opt.rule, app, opt.version ?? pkg.version));
      console.log(`rule #${r.id}: ${opt.rule} -> ${app} ${r.version}, ${r.state.replace('_', ' ')}`);
    } else if (opt.promote !== undefined) {
      printRollout(await api.call(platformApi.promote, { app, version: opt.promote }));
      console.log(`promoted ${app} ${opt.promote} to default (pending approval if four-eyes is on)`);
    } else if (opt.rollback !== undefined) {
      const version = opt.rollback || undefined;
      const r = await api.call(platformApi.rollback, { app, version });
      printRollout(r);
      console.log(`rolled ${app} back to ${r.history.find((e) => e.action === 'rollback')?.version}`);
    } else if (opt.status) {
      const { apps } = await api.call(platformApi.rollout, { app });
      for (const r of apps) printRollout(r);
    } else {
      const id = (opt.pause ?? opt.resume ?? opt.approve)!;
      const endpoint = opt.pause
        ? platformApi.pauseRule
        : opt.resume
          ? platformApi.resumeRule
          : platformApi.approveRule;
      const rule = await api.call(endpoint, { id });
      console.log(`rule #${rule.id} (${app} ${rule.version}, ${rule.kind}) is now ${rule.state}`);
    }
    return;
  }

  if (opt.build) {
    console.log(`building ${app} ...`);
    execFileSync('pnpm', ['--filter', app, 'build'], { cwd: repo, stdio: 'inherit' });
  }
  const version = opt.version ?? pkg.version;
  const rule = opt.activate ? parseRule(opt.activate, app, version) : undefined;
  const build = describeBuild(pkg, version);
  const store = process.env.APP_STORE ?? join(repo, '.store/apps');
  const staged = stage(store, build, join(dir, 'dist'));
  try {
    const { api, who } = await client();
    console.log(`signed in as ${who}`);
    const release = await api.call(platformApi.registerRelease, build);
    staged.place();
    console.log(
      `registered ${app} ${release.version}: ${Object.keys(release.integrity).length} files, ` +
        `contract ${release.contractVersion}, commit ${release.commit.slice(0, 12)}, built ${release.builtAt}, ` +
        `by ${release.registeredBy}`,
    );
    console.log(
      staged.state === 'new'
        ? `store: copied to ${staged.target}`
        : `store: ${staged.target} already holds these files`,
    );
    if (app === 'shell')
      console.log('(the gateway serves the shell from shell/dist; the store copy is the record)');
    if (rule) {
      const r = await api.call(platformApi.createRule, rule);
      console.log(`rule #${r.id}: ${opt.activate} -> ${app} ${r.version}, ${r.state.replace('_', ' ')}`);
    }
  } catch (e) {
    staged.discard();
    throw e;
  }
}

main().catch((e: unknown) => {
  if (isApiError(e)) {
    console.error(`refused (${e.status}${e.reason ? ` ${e.reason}` : ''}): ${e.message}`);
    for (const [f, m] of Object.entries(e.fields)) console.error(`  ${f}: ${m.join(', ')}`);
  } else {
    console.error(`release failed: ${(e as Error).message}`);
  }
  process.exit(1);
});
