import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Permissions } from '@zhanye/contracts';
import { BaseConfig, connectBus, createLogger, loadConfig, serviceInstances } from '@zhanye/kit';
import { apiRequest, principal, testConfig, until } from '@zhanye/kit/testing';
import { freePort } from '@zhanye/kit/testing/servers';
import { expect, it } from 'vitest';
import { dropNamespaceOf, startStack } from './stack.ts';

/**
 * The stack runner (`pnpm start`, the e2e stack) keeps its processes running: a service killed
 * with SIGKILL comes back by itself, answers again, says so in its log, and counts the restart in
 * its NATS service metadata (the services page).
 */
it('restarts a service process killed with SIGKILL; it answers again and the restart is counted', async () => {
  const ns = testConfig().ZY_NS;
  const tmp = mkdtempSync(join(tmpdir(), 'zy-supervisor-'));
  // as under systemd (deploy/systemd): the process says it is ready in this file too
  const readyFile = join(tmp, 'ready');
  const stack = await startStack({
    ns,
    port: await freePort(),
    demo: false,
    quiet: true,
    services: ['customer'],
    gateway: false,
    restart: { initialMs: 200 },
    env: { ZY_READY_FILE: readyFile },
  });
  const cfg = loadConfig(BaseConfig, { ...process.env, ZY_NS: ns, LOG_LEVEL: 'silent' });
  const bus = await connectBus(cfg, 'supervisor-test', createLogger('supervisor-test', 'silent'));
  try {
    const caller = principal({ permissions: [Permissions.customerRead] });
    const list = () => apiRequest(bus, 'customer', 'GET', '/customers', { caller });
    expect((await list()).status).toBe(200);
    expect((await serviceInstances(bus, 'customer')).map((i) => i.restarts)).toEqual([0]);

    const customer = stack.processes.get('customer')!;
    const killed = customer.pid!;
    expect(readFileSync(readyFile, 'utf8')).toBe(`${killed}\n`);
    process.kill(killed, 'SIGKILL');
    await until(
      async () => (await serviceInstances(bus, 'customer')).some((i) => i.restarts === 1),
      20_000,
      'the restarted customer service',
    );
    expect(customer.pid).not.toBe(killed);
    expect((await list()).status).toBe(200);
    const [instance] = await serviceInstances(bus, 'customer');
    expect(instance).toMatchObject({ restarts: 1 });

    const log = readFileSync(join(stack.logDir, 'customer.log'), 'utf8');
    expect(log).toMatch(
      /supervisor: customer exited \(signal SIGKILL\) after [\d.]+ s; restart 1 \(failure 1 of 10 in a row\) in 0\.2 s/,
    );
    expect(log).toMatch(/supervisor: customer is back \(restart 1, pid \d+\)/);
  } finally {
    await stack.stop();
    await dropNamespaceOf(ns);
    await bus.nc.drain();
    rmSync(stack.logDir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
});
