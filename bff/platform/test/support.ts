import { Permissions as P, type Principal, type ReleaseInput, type RemoteEntry } from '@zhanye/contracts';
import type { Bus } from '@zhanye/kit';
import { apiRequest, principal } from '@zhanye/kit/testing';
import { PlatformMigrations } from '../src/migrations/platform.migrations.ts';

/** The platform's migrations before `next`: a database as the release before `next` left it. */
export function migrationsBefore(next: (typeof PlatformMigrations)[number]) {
  const i = PlatformMigrations.indexOf(next);
  if (i < 0) throw new Error(`${next.name} is not a platform migration`);
  return PlatformMigrations.slice(0, i);
}

/** A reply as the tests read it: `ok()` for a success body, `body.error` for a failure. */
export interface Reply {
  status: number;
  body: { error: { code: string; message: string; reason?: string; fields: Record<string, string[]> } };
}

/** The body of a 200 reply, typed by the caller; anything else fails the test with the error body. */
export const ok = <T>(res: { status: number; body: unknown }): T => {
  if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
};

const RELEASE = [P.releaseRead, P.releaseManage, P.releaseApprove];
/** A release manager of the union: registers releases, owns the rules every bank shares. */
const unionReleaser = (n: number) =>
  principal({
    userId: `u-union${n}`,
    username: `union${n}`,
    bankId: 'union',
    orgId: 'union-hq',
    orgPath: '/union/union-hq/',
    roles: ['union_admin'],
    dataScope: 'all',
    permissions: RELEASE,
  });

/** Demo-like principals; permissions as the demo roles grant them. */
export const users = {
  am1: principal({ userId: 'u-am1', username: 'am1', permissions: [P.customerRead, P.applicationRead] }),
  bam1: principal({
    userId: 'u-bam1',
    username: 'bam1',
    bankId: 'bank-b',
    orgId: 'b-br1',
    orgPath: '/bank-b/b-hq/b-br1/',
    permissions: [P.customerRead, P.applicationRead],
  }),
  approver1: principal({
    userId: 'u-approver1',
    username: 'approver1',
    roles: ['approver'],
    permissions: [P.customerRead, P.applicationRead],
  }),
  admin: principal({
    userId: 'u-admin',
    username: 'admin',
    roles: ['admin'],
    dataScope: 'bank',
    permissions: [P.applicationRead, P.releaseRead, P.releaseManage, P.releaseApprove],
  }),
  admin2: principal({
    userId: 'u-admin2',
    username: 'admin2',
    roles: ['admin'],
    dataScope: 'bank',
    permissions: [P.applicationRead, P.releaseRead, P.releaseManage, P.releaseApprove],
  }),
  /** bank-b's release manager: rules for bank-b only. */
  badmin: principal({
    userId: 'u-badmin',
    username: 'badmin',
    bankId: 'bank-b',
    orgId: 'b-hq',
    orgPath: '/bank-b/b-hq/',
    roles: ['admin'],
    dataScope: 'bank',
    permissions: [P.applicationRead, ...RELEASE],
  }),
  union1: unionReleaser(1),
  union2: unionReleaser(2),
} satisfies Record<string, Principal>;

export const REACT_SHARED = { react: '^19.3.1', 'react-dom': '^19.3.1', antd: '^6.6.8' };

/** A release as the CLI would describe it. */
export function release(app: string, version: string, over: Partial<ReleaseInput> = {}): ReleaseInput {
  const base = {
    app,
    version,
    contractVersion: '1.0.0',
    commit: 'c0ffee',
    builtAt: '2026-11-01T00:00:00.000Z',
    integrity: { 'remoteEntry.js': `sha384-${app}-${version}`, 'mf-manifest.json': 'sha384-m' },
    provides: {},
  };
  if (app === 'shell') {
    return {
      ...base,
      shared: REACT_SHARED,
      provides: { react: '19.3.1', 'react-dom': '19.3.1', antd: '6.6.8' },
      ...over,
    };
  }
  return {
    ...base,
    scope: app.replaceAll('-', '_'),
    route: `/${app.replace(/^mf-/, '').replace(/-console$/, '')}`,
    manifestUrl: `/apps/${app}/${version}/mf-manifest.json`,
    shared: REACT_SHARED,
    ...over,
  };
}

export function api(bus: Bus) {
  const call = async (
    who: Principal,
    method: 'GET' | 'POST',
    path: string,
    body?: Record<string, unknown>,
  ): Promise<Reply> =>
    (await apiRequest(
      bus,
      'platform',
      method,
      path,
      method === 'GET'
        ? { caller: who, query: body as Record<string, string> }
        : { caller: who, body: body ?? {} },
    )) as Reply;
  return {
    call,
    register: (who: Principal, r: ReleaseInput) => call(who, 'POST', '/releases', r),
    rule: (who: Principal, r: Record<string, unknown>) => call(who, 'POST', '/rollout/rules', r),
    approve: (who: Principal, id: string) => call(who, 'POST', `/rollout/rules/${id}/approve`),
    pause: (who: Principal, id: string) => call(who, 'POST', `/rollout/rules/${id}/pause`),
    resume: (who: Principal, id: string) => call(who, 'POST', `/rollout/rules/${id}/resume`),
    promote: (who: Principal, app: string, version: string) =>
      call(who, 'POST', `/rollout/apps/${app}/promote`, { version }),
    rollback: (who: Principal, app: string, version?: string) =>
      call(who, 'POST', `/rollout/apps/${app}/rollback`, version ? { version } : {}),
    rollout: (who: Principal, app?: string) => call(who, 'GET', '/rollout', app ? { app } : {}),
    /** The version of `app` the registry resolves for this user (undefined: none). */
    async versionFor(who: Principal, app = 'mf-credit'): Promise<string | undefined> {
      const res = await call(who, 'GET', '/registry');
      return ok<{ remotes: RemoteEntry[] }>(res).remotes.find((r) => r.app === app)?.version;
    },
  };
}
