import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPlatformService } from '../../platform/src/app.ts';
import { Browser, gatewayTestConfig, sleep, startTestGateway, type TestGateway } from './support.ts';

// seconds-long limits: idle 1.5 s since the last refresh, 4 s since sign-in (more than twice idle)
const IDLE_MS = 1500;
const ABSOLUTE_MS = 4000;
const cfg = gatewayTestConfig({ ZY_ACCESS_TTL_S: '60' });
let gw: TestGateway;
let platform: Awaited<ReturnType<typeof startPlatformService>>;

beforeAll(async () => {
  gw = await startTestGateway(cfg, 'session-timeouts');
  platform = await startPlatformService(cfg, gw.bus, gw.log, {
    seedDemo: true,
    session: { idleMs: IDLE_MS, absoluteMs: ABSOLUTE_MS, sweepMs: 60_000 },
  });
});
afterAll(() => gw?.close([platform.stop]));

const signedIn = async () => {
  const b = new Browser(gw.url);
  expect((await b.login('am1')).status).toBe(200);
  return b;
};

const endReason = async (sid: string) =>
  (
    (await platform.ds.query('SELECT end_reason FROM user_session WHERE id = ?', [sid])) as {
      end_reason: string;
    }[]
  )[0]?.end_reason;

it('idle timeout: no refresh for longer than the idle limit ends the session', async () => {
  const b = await signedIn();
  const sid = b.refreshToken.split('.')[0]!;
  // the access cookie never outlives the idle limit, even with a 60 s access TTL
  const access = (await new Browser(gw.url).login('am1')).res.headers
    .getSetCookie()
    .find((c) => c.startsWith('zy_access='))!;
  expect(Number(/Max-Age=(\d+)/i.exec(access)?.[1])).toBeLessThanOrEqual(2);
  await sleep(IDLE_MS + 300);
  expect((await b.get('/api/platform/me')).status).toBe(401);
  expect((await b.refresh()).status).toBe(401);
  expect(await endReason(sid)).toBe('idle_timeout');
});

it('refreshing within the idle limit keeps it alive; the absolute limit ends it however active', async () => {
  // counted from before the sign-in: the session's clock starts while it is being signed in
  const started = Date.now();
  const b = await signedIn();
  const sid = b.refreshToken.split('.')[0]!;
  // active: a refresh every 0.6 s, well inside the idle limit, until one is refused
  let refusedAt = 0;
  while (!refusedAt && Date.now() - started < ABSOLUTE_MS + 2000) {
    await sleep(600);
    if ((await b.refresh()).status !== 200) refusedAt = Date.now() - started;
  }
  expect(refusedAt).toBeGreaterThanOrEqual(ABSOLUTE_MS);
  expect((await b.get('/api/platform/me')).status).toBe(401);
  expect(await endReason(sid)).toBe('absolute_timeout');
});

it('the sweep ends sessions past their limits and tells every gateway', async () => {
  const b = await signedIn();
  const sid = b.refreshToken.split('.')[0]!;
  await sleep(IDLE_MS + 200);
  expect(await platform.sessions.sweep()).toBeGreaterThanOrEqual(1);
  expect(await endReason(sid)).toBe('idle_timeout');
});
