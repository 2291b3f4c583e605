/**
 * `pnpm bench:api`: an authenticated read through gateway -> NATS -> customer service -> MySQL,
 * and the same query behind a bare Express route, side by side in one run (the machine is noisy:
 * read the ratio, not the absolute figures). Rounds alternate so drift hits both alike.
 *
 * Also the CPU each process spends per request served (user + system time from `/proc`, over the
 * measured rounds, divided by the requests answered): the gateway, the customer service, the bare
 * route. `BENCH_PROFILE=<dir>` runs the gateway, the services and the bare route under
 * `node --cpu-prof` and leaves a `.cpuprofile` per process in `<dir>` when they stop.
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { treeCpuSeconds } from './lib/proc-cpu.ts';
import { DEMO_PASSWORD, dropNamespaceOf, repo, signIn, startStack } from './lib/stack.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ns = `bench${randomBytes(3).toString('hex')}`;
const port = Number(process.env.BENCH_PORT ?? 18090);
const barePort = port + 1;
const PROFILE = process.env.BENCH_PROFILE;
const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];

const stack = await startStack({
  ns,
  port,
  demo: true,
  quiet: true,
  env: { LOG_LEVEL: 'warn' },
  nodeArgs,
}).catch(async (e) => {
  await dropNamespaceOf(ns);
  throw e;
});
const bare = spawn(join(repo, 'node_modules/.bin/tsx'), [...nodeArgs, 'scripts/bench/bare-server.ts'], {
  cwd: repo,
  env: { ...process.env, PORT: String(barePort), BENCH_DB: `zy_${ns}_customer` },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((r) =>
  bare.stdout!.on('data', (b: Buffer) => b.toString().includes('listening') && r()),
);

try {
  const { cookie: cookieHeader } = await signIn(stack.url, 'am1', DEMO_PASSWORD);

  const run = (url: string, headers: Record<string, string> = {}) =>
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const results = { gateway: [] as autocannon.Result[], bare: [] as autocannon.Result[] };
  /** CPU seconds each process spent during the rounds of its side. */
  const cpu = { gateway: 0, customer: 0, bare: 0 };
  const measure = async (side: 'gateway' | 'bare', url: string, headers: Record<string, string> = {}) => {
    const procs = side === 'gateway' ? (['gateway', 'customer'] as const) : (['bare'] as const);
    const pidOf = (p: 'gateway' | 'customer' | 'bare') =>
      p === 'bare' ? bare.pid! : stack.processes.get(p)!.pid!;
    const before = procs.map((p) => treeCpuSeconds(pidOf(p)));
    results[side].push(await run(url, headers));
    procs.forEach((p, i) => {
      cpu[p] += treeCpuSeconds(pidOf(p)) - before[i]!;
    });
  };
  // warm-up
  await autocannon({
    url: `${stack.url}/api/customer/customers`,
    connections: 10,
    duration: 2,
    headers: { cookie: cookieHeader },
  });
  await autocannon({ url: `http://127.0.0.1:${barePort}/bare/customers`, connections: 10, duration: 2 });
  for (let i = 0; i < ROUNDS; i++) {
    await measure('bare', `http://127.0.0.1:${barePort}/bare/customers`);
    await measure('gateway', `${stack.url}/api/customer/customers`, { cookie: cookieHeader });
  }
  const summary = (rs: autocannon.Result[]) => ({
    rps: rs.reduce((s, r) => s + r.requests.average, 0) / rs.length,
    p99: Math.max(...rs.map((r) => r.latency.p99)),
    errors: rs.reduce((s, r) => s + r.errors + r.non2xx, 0),
  });
  const g = summary(results.gateway);
  const b = summary(results.bare);
  console.log(`\nbench:api  ${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS}s rounds each, alternating`);
  console.log(
    `  bare Express + mysql2      ${b.rps.toFixed(0).padStart(6)} req/s   p99 ${b.p99} ms   errors ${b.errors}`,
  );
  console.log(
    `  gateway -> NATS -> service ${g.rps.toFixed(0).padStart(6)} req/s   p99 ${g.p99} ms   errors ${g.errors}`,
  );
  console.log(`  ratio (gateway / bare)     ${(g.rps / b.rps).toFixed(2)}x   (bar: >= 0.7x, p99 <= 10 ms)`);
  const served = (rs: autocannon.Result[]) => rs.reduce((s, r) => s + r.requests.total, 0);
  const perRequest = (seconds: number, n: number) => `${((seconds / n) * 1e6).toFixed(0).padStart(5)} µs`;
  console.log('  CPU per request served (user + system, /proc):');
  console.log(`    gateway                  ${perRequest(cpu.gateway, served(results.gateway))}`);
  console.log(`    customer service         ${perRequest(cpu.customer, served(results.gateway))}`);
  console.log(
    `    gateway + service        ${perRequest(cpu.gateway + cpu.customer, served(results.gateway))}   (NATS and MariaDB not counted: shared with the machine)`,
  );
  console.log(`    bare route               ${perRequest(cpu.bare, served(results.bare))}`);
} finally {
  bare.kill('SIGTERM');
  await stack.stop();
  await dropNamespaceOf(ns);
}
