import { type DevOverride, Permissions, type Principal, type RemoteEntry } from '@zhanye/contracts';
import type { Logger } from '@zhanye/kit';
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'zy-dev-override';

/**
 * Developer overrides: a developer points one app at a build served from their own machine, for
 * themselves only. The grant is a signed token (HS256) bound to the developer and the app, with an
 * expiry; the browser tab keeps it and sends it with the registry request. It applies only while the
 * developer still holds `platform:dev-override`, and only to an app they already get.
 */
export class DevOverrideService {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(`${secret}:dev-override`);
  }

  async create(
    caller: Principal,
    input: { app: string; manifestUrl: string; minutes: number },
    log: Logger,
  ): Promise<DevOverride> {
    const expiresAt = new Date(Date.now() + input.minutes * 60_000);
    const token = await new SignJWT({ app: input.app, url: input.manifestUrl })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(AUDIENCE)
      .setSubject(caller.userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    log.info(
      {
        audit: 'dev-override.create',
        userId: caller.userId,
        app: input.app,
        url: input.manifestUrl,
        expiresAt,
      },
      'developer override granted',
    );
    return { token, app: input.app, manifestUrl: input.manifestUrl, expiresAt: expiresAt.toISOString() };
  }

  /** Applies the caller's valid overrides to their resolved remotes; anything else is ignored (and logged). */
  async apply(
    caller: Principal,
    remotes: RemoteEntry[],
    tokens: string[],
    log: Logger,
  ): Promise<RemoteEntry[]> {
    if (!tokens.length) return remotes;
    if (!caller.permissions.includes(Permissions.devOverride)) {
      log.warn(
        { audit: 'dev-override.refused', userId: caller.userId, reason: 'permission' },
        'override refused',
      );
      return remotes;
    }
    const byApp = new Map<string, { url: string; expiresAt: string }>();
    for (const token of tokens.slice(0, 10)) {
      try {
        const { payload } = await jwtVerify(token, this.key, { audience: AUDIENCE, algorithms: ['HS256'] });
        if (
          payload.sub !== caller.userId ||
          typeof payload.app !== 'string' ||
          typeof payload.url !== 'string'
        ) {
          throw new Error('not this user’s override');
        }
        byApp.set(payload.app, {
          url: payload.url,
          expiresAt: new Date((payload.exp ?? 0) * 1000).toISOString(),
        });
      } catch (e) {
        log.warn(
          { audit: 'dev-override.refused', userId: caller.userId, reason: (e as Error).message },
          'override refused',
        );
      }
    }
    return remotes.map((r) => {
      const o = byApp.get(r.app);
      if (!o) return r;
      log.info(
        { audit: 'dev-override.use', userId: caller.userId, app: r.app, url: o.url },
        'override applied',
      );
      return {
        ...r,
        version: 'dev',
        manifestUrl: o.url,
        override: { expiresAt: o.expiresAt, by: caller.username },
      };
    });
  }
}
