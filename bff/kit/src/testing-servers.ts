import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { createConnection } from 'mysql2/promise';

/**
 * Servers of a fault test's own: a `nats-server` or `mariadbd` on a free loopback port with a
 * data directory in a temp folder, which the test kills, pauses and starts again (same port, same
 * data). A test touches only what it started here, never the machine's shared servers.
 */
export interface PrivateServer {
  /** `nats://127.0.0.1:<port>` or `127.0.0.1`. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Starts it (again) on the same port and data, and waits until it answers. */
  start(): Promise<void>;
  /** Stops it with `signal` (SIGKILL: a crash) and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP / SIGCONT: a server that hangs without closing its connections. */
  pause(): void;
  resume(): void;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

export const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
export const MARIADBD_BIN = process.env.MARIADBD_BIN ?? '/usr/sbin/mariadbd';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function privateServer(opts: {
  name: string;
  url: (port: number) => string;
  command: string;
  args: (port: number, dir: string) => string[];
  /** Resolves once the server answers; throws while it does not. */
  probe: (url: string, port: number) => Promise<void>;
}): Promise<PrivateServer> {
  const dir = mkdtempSync(join(tmpdir(), `zy-${opts.name}-`));
  const port = await freePort();
  const url = opts.url(port);
  let proc: ChildProcess | undefined;
  let output = '';
  const exited = (p: ChildProcess) =>
    p.exitCode !== null || p.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => p.once('exit', () => r()));
  const server: PrivateServer = {
    url,
    port,
    dir,
    async start() {
      if (proc && proc.exitCode === null && proc.signalCode === null) return;
      output = '';
      const p = spawn(opts.command, opts.args(port, dir), { stdio: ['ignore', 'pipe', 'pipe'] });
      proc = p;
      const keep = (b: Buffer) => {
        output = (output + b.toString()).slice(-4000);
      };
      p.stdout?.on('data', keep);
      p.stderr?.on('data', keep);
      const deadline = Date.now() + 20_000;
      for (;;) {
        if (p.exitCode !== null) throw new Error(`${opts.name} exited ${p.exitCode}: ${output}`);
        try {
          await opts.probe(url, port);
          return;
        } catch (e) {
          if (Date.now() > deadline) throw new Error(`${opts.name} did not start: ${String(e)}\n${output}`);
          await sleep(50);
        }
      }
    },
    async stop(signal = 'SIGTERM') {
      const p = proc;
      if (!p || p.exitCode !== null || p.signalCode !== null) return;
      const done = exited(p);
      if (signal !== 'SIGKILL') p.kill('SIGCONT'); // a paused server cannot handle SIGTERM
      p.kill(signal);
      const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
    pause() {
      proc?.kill('SIGSTOP');
    },
    resume() {
      proc?.kill('SIGCONT');
    },
    async close() {
      await server.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (e) {
    await server.close();
    throw e;
  }
  return server;
}

/** A private `nats-server` with JetStream (Debian's 2.9.10 here). */
export function privateNats(): Promise<PrivateServer> {
  return privateServer({
    name: 'nats',
    url: (port) => `nats://127.0.0.1:${port}`,
    command: NATS_SERVER_BIN,
    args: (port, dir) => ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(dir, 'js')],
    probe: async (url) => {
      const nc = await connect({ servers: url, reconnect: false, timeout: 1000 });
      await nc.close();
    },
  });
}

/**
 * A private `mariadbd` on an empty data directory with grant tables off (root, no password, over
 * TCP): up in a second or two, no `mariadb-install-db` needed. Point a config at it with
 * `DB_HOST: server.url, DB_PORT: String(server.port)`.
 */
export async function privateMariadb(): Promise<PrivateServer> {
  const server = await privateServer({
    name: 'mariadb',
    url: () => '127.0.0.1',
    command: MARIADBD_BIN,
    args: (port, dir) => {
      mkdirSync(join(dir, 'data'), { recursive: true });
      return [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(dir, 'mysqld.sock')}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
        '--skip-grant-tables',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
        '--innodb-log-file-size=8M',
        '--innodb-flush-log-at-trx-commit=2',
      ];
    },
    probe: async (host, port) => {
      const conn = await createConnection({ host, port, user: 'root', connectTimeout: 1000 });
      await conn.end();
    },
  });
  // a fresh InnoDB has its first pages only in memory: one clean restart writes them, so a test
  // may kill the server at once and still start it again
  await server.stop('SIGTERM');
  await server.start();
  return server;
}
