import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authApi, customerApi, domainServices, registerReleaseCall } from '@zhanye/contracts';
import {
  AppError,
  BaseConfig,
  callService,
  connectBus,
  createLogger,
  loadConfig,
  READY_PREFIX,
  systemPrincipal,
} from '@zhanye/kit';
import { dropNamespace } from '@zhanye/kit/testing';
import { describeBuild, readApp, stage } from './artifact.ts';
import { RESTART_POLICY, type RestartPolicy, Supervised } from './supervisor.ts';

export const repo = fileURLToPath(new URL('../../', import.meta.url));

export interface StackOptions {
  ns: string;
  port: number;
  /** Load demo banks, users, menus and customers. */
  demo: boolean;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Node options for every process, before the entry (e.g. `--cpu-prof`; NODE_OPTIONS refuses it). */
  nodeArgs?: string[];
  quiet?: boolean;
  /** The services to run (default: all); tests run a part. */
  services?: readonly string[];
  /** Start the gateway, publish the apps and seed customers (default: true). */
  gateway?: boolean;
  /** How dead processes are restarted (default `RESTART_POLICY`). */
  restart?: Partial<RestartPolicy>;
}

export interface Stack {
  url: string;
  ns: string;
  logDir: string;
  /** Each process under supervision, by name (`credit`, `gateway`, ...). */
  processes: Map<string, Supervised>;
  stop(): Promise<void>;
}

/**
 * Bootstraps a namespace with what is built in the working tree: the shell first (it is the host
 * profile the gate checks apps against), then each app, each with full metadata and made the
 * default, through the internal `svc.platform.register-release` (nobody can sign in yet). The same
 * service method and gate as `pnpm release`. Idempotent across restarts; in a namespace that
 * already holds the same version with other files (rebuilt without a version bump) it says so and
 * goes on with what is registered. The store folder of a version is replaced by the working tree's
 * build: this is the dev and test bootstrap, not a release.
 */
export async function publishApps(ns: string, store = process.env.APP_STORE ?? join(repo, '.store/apps')) {
  const cfg = loadConfig(BaseConfig, { ...process.env, ZY_NS: ns, LOG_LEVEL: 'silent' });
  const log = createLogger('publish', 'silent');
  const bus = await connectBus(cfg, 'publish', log);
  const published: string[] = [];
  const dirs = [
    'shell',
    ...readdirSync(repo)
      .filter((d) => d.startsWith('mf-'))
      .sort(),
  ];
  try {
    for (const dir of dirs) {
      const pkg = readApp(join(repo, dir));
      const build = describeBuild(pkg);
      const staged = stage(store, build, join(pkg.dir, 'dist'), { replace: true });
      staged.place();
      if (staged.state === 'replaced') {
        console.warn(
          `publish: replaced ${staged.target} with the working tree's build (same version, other files)`,
        );
      }
      try {
        await callService(
          bus,
          registerReleaseCall,
          { ...build, activate: true },
          systemPrincipal('release'),
          'release',
        );
      } catch (e) {
        if (!(e instanceof AppError && e.reason === 'IMMUTABLE')) throw e;
        console.warn(`publish: ${e.message} (namespace ${ns}: kept what is registered)`);
      }
      published.push(`${pkg.app}@${pkg.version}`);
    }
  } finally {
    await bus.nc.drain();
  }
  return published;
}

/** Signs in through the gateway like a browser and returns a fetch that carries the cookies and CSRF token. */
export async function signIn(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('zy_csrf='))?.split('=')[1] ?? '';
  const step = authApi.login.output.parse(await res.json());
  // scripts sign in as accounts without a second factor or a pending password change
  if (step.status !== 'ok') throw new Error(`login ${username}: needs the ${step.status} step first`);
  const user = step.user;
  return {
    user,
    cookie: cookies.join('; '),
    fetch: (path: string, init: RequestInit = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: cookies.join('; '),
          'x-csrf-token': csrf,
        },
      }),
  };
}

export const DEMO_PASSWORD = 'Zhanye@2026';
export const demoCustomers: Record<
  string,
  { name: string; idNumber: string; phone: string; segment: string }[]
> = {
  am1: [
    { name: '李建国', idNumber: '330102198505061234', phone: '13900001001', segment: 'existing' },
    { name: '王秀英', idNumber: '330102199208152346', phone: '13900001002', segment: 'listed' },
    { name: '赵大勇', idNumber: '330102197811203457', phone: '13900001003', segment: 'merchant' },
    { name: '钱丽华', idNumber: '33010219950101456X', phone: '13900001004', segment: 'prospect' },
  ],
  am2: [{ name: '孙德胜', idNumber: '330102198003035671', phone: '13900002001', segment: 'existing' }],
  bam1: [{ name: '周明', idNumber: '420102198811116789', phone: '13900003001', segment: 'existing' }],
};

async function seedCustomers(url: string) {
  for (const [username, list] of Object.entries(demoCustomers)) {
    const s = await signIn(url, username, DEMO_PASSWORD);
    for (const c of list) {
      const res = await s.fetch(`/api/customer${customerApi.create.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(c),
      });
      if (!res.ok && res.status !== 409)
        throw new Error(`seed customer ${c.name}: ${res.status} ${await res.text()}`);
    }
  }
}

/** Starts every service and the gateway as separate processes in one namespace. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const logDir = join(repo, '.var/logs', opts.ns);
  mkdirSync(logDir, { recursive: true });
  const processes = new Map<string, Supervised>();
  const policy = { ...RESTART_POLICY, ...opts.restart };
  const say = (line: string) => {
    if (!opts.quiet) console.log(line);
  };
  const env = {
    ...process.env,
    ZY_NS: opts.ns,
    PORT: String(opts.port),
    LOG_LEVEL: 'info',
    // this machine's stack: developer overrides may load an app from a local dev server
    ZY_DEV_ORIGINS: process.env.ZY_DEV_ORIGINS ?? 'http://localhost:* http://127.0.0.1:*',
    ...opts.env,
  };
  // every process is kept running: restarted with backoff if it dies (scripts/lib/supervisor.ts)
  const start = (name: string, entry: string, extra: Record<string, string>) => {
    const child = new Supervised(
      {
        name,
        // node itself with tsx's loader: one process per service, so a signal reaches the service
        // (the tsx CLI would run it as a child of its own, which a SIGKILL would leave running)
        command: process.execPath,
        args: [...(opts.nodeArgs ?? []), '--import', 'tsx', entry],
        cwd: repo,
        env: { ...env, ...extra },
        logFile: join(logDir, `${name}.log`),
        ready: new RegExp(`${READY_PREFIX}${name}\\b`),
      },
      policy,
      say,
    );
    processes.set(name, child);
    return child.start();
  };
  const stop = async () => {
    await Promise.all([...processes.values()].map((c) => c.stop()));
  };
  try {
    await Promise.all(
      domainServices()
        .filter((d) => !opts.services || opts.services.includes(d.name))
        .map((d) =>
          start(
            d.name,
            `bff/${d.folder}/src/main.ts`,
            // demo data: each service decides what it seeds (platform: users; risk: warnings, decisions)
            opts.demo ? { ZY_SEED_DEMO: '1' } : {},
          ),
        ),
    );
    const url = `http://localhost:${opts.port}`;
    if (opts.gateway !== false) {
      await start('gateway', 'bff/gateway/src/main.ts', {});
      const published = await publishApps(opts.ns);
      if (!opts.quiet) console.log(`published ${published.join(', ')}`);
      if (opts.demo) await seedCustomers(url);
    }
    return { url, ns: opts.ns, logDir, processes, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Drops a namespace's databases and event stream (test stacks only). */
export async function dropNamespaceOf(ns: string) {
  const cfg = loadConfig(BaseConfig, { ...process.env, ZY_NS: ns, LOG_LEVEL: 'silent' });
  const bus = await connectBus(cfg, 'cleanup', createLogger('cleanup', 'silent'));
  try {
    await dropNamespace(cfg, bus);
  } finally {
    await bus.nc.drain();
  }
}
