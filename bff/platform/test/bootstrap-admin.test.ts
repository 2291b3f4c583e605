import { authenticateCall, platformApi } from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger, systemPrincipal } from '@zhanye/kit';
import { dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalBuilder } from '../src/access/principals.ts';
import { startPlatformService } from '../src/app.ts';
import { bootstrapFirstAdmin } from '../src/seed/bootstrap-admin.ts';

const cfg = testConfig();
const log = createLogger('bootstrap-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;
const gateway = systemPrincipal('gateway');
const client = { ip: '127.0.0.1', userAgent: 'vitest' };

beforeAll(async () => {
  bus = await connectBus(cfg, 'bootstrap-test', log);
  platform = await startPlatformService(cfg, bus, log, {
    firstAdmin: { username: 'unionadmin', password: 'a-long-enough-secret' },
  });
});
afterAll(async () => {
  await platform?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('first run without demo data', () => {
  it('creates the union and its first administrator from the environment, with every permission', async () => {
    const step = await callService(
      bus,
      authenticateCall,
      { username: 'unionadmin', password: 'a-long-enough-secret', client },
      gateway,
      'gateway',
    );
    if (step.status !== 'ok') throw new Error(`expected a finished sign-in, got ${step.status}`);
    const { principal } = step.session;
    expect(principal).toMatchObject({ bankId: 'union', dataScope: 'all', roles: ['union_admin'] });
    expect(principal.permissions).toContain(platformApi.rollout.permission);
  });

  it('the union administrator gets a code a later release adds at the next start', async () => {
    const code = platformApi.registerRelease.permission!;
    await platform.ds.query("DELETE FROM role_permission WHERE role_id = 'union_admin' AND permission = ?", [
      code,
    ]);
    await platform.ds.query(
      "DELETE rm FROM role_menu rm JOIN menu m ON m.id = rm.menu_id WHERE rm.role_id = 'union_admin' AND m.permission = ?",
      [code],
    );
    await platform.stop();
    platform = await startPlatformService(cfg, bus, log);
    const principal = await new PrincipalBuilder(platform.ds).build('u-unionadmin');
    expect(principal.permissions).toContain(code);
  });

  it('has no other account and no default password', async () => {
    for (const [username, password] of [
      ['admin', 'admin'],
      ['admin', 'Zhanye@2026'],
      ['am1', 'Zhanye@2026'],
    ]) {
      await expect(
        callService(
          bus,
          authenticateCall,
          { username: username!, password: password!, client },
          gateway,
          'gateway',
        ),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('does nothing once any user exists, and refuses a short password', async () => {
    expect(
      await bootstrapFirstAdmin(platform.ds, { username: 'second', password: 'another-long-secret' }, log),
    ).toBe(false);
    await expect(
      bootstrapFirstAdmin(platform.ds, { username: 'x', password: 'short' }, log),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
