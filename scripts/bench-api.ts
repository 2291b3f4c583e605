/**
 * `pnpm bench:api`: an authenticated read through gateway -> NATS -> customer service -> MySQL,
 * and the same query behind a bare Express route, side by side in one run (the machine is noisy:
 * read the ratio, not the absolute figures). Rounds alternate so drift hits both alike.
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEMO_PASSWORD, dropNamespaceOf, repo, signIn, startStack } from './lib/stack.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ns = `bench${randomBytes(3).toString('hex')}`;
const port = 18090;
const barePort = 18091;

const stack = await startStack({ ns, port, demo: true, quiet: true, env: { LOG_LEVEL: 'warn' } }).catch(
  async (e) => {
    await dropNamespaceOf(ns);
    throw e;
  },
);
const bare = spawn(join(repo, 'node_modules/.bin/tsx'), ['scripts/bench/bare-server.ts'], {
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
  // warm-up
  await autocannon({
    url: `${stack.url}/api/customer/customers`,
    connections: 10,
    duration: 2,
    headers: { cookie: cookieHeader },
  });
  await autocannon({ url: `http://127.0.0.1:${barePort}/bare/customers`, connections: 10, duration: 2 });
  for (let i = 0; i < ROUNDS; i++) {
    results.bare.push(await run(`http://127.0.0.1:${barePort}/bare/customers`));
    results.gateway.push(await run(`${stack.url}/api/customer/customers`, { cookie: cookieHeader }));
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
} finally {
  bare.kill('SIGTERM');
  await stack.stop();
  await dropNamespaceOf(ns);
}
