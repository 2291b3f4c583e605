import { CSRF_COOKIE, cookieName, type IssuedSession } from '@zhanye/contracts';
import type { CookieOptions, Response } from 'express';

export const ACCESS_COOKIE = 'zy_access';
export const REFRESH_COOKIE = 'zy_refresh';
/** The refresh cookie lives under `/api/auth` only, so it never travels with ordinary API calls. */
export const REFRESH_PATH = '/api/auth';

/**
 * The three session cookies. Behind TLS: `__Host-` names for the access and CSRF cookies (Secure,
 * Path=/, no Domain); the refresh cookie cannot be `__Host-` (that requires Path=/) and gets
 * `__Secure-`.
 */
export class SessionCookies {
  readonly access: string;
  readonly refresh: string;
  readonly csrf: string;
  constructor(private readonly secure: boolean) {
    this.access = cookieName(ACCESS_COOKIE, secure);
    this.refresh = secure ? `__Secure-${REFRESH_COOKIE}` : REFRESH_COOKIE;
    this.csrf = cookieName(CSRF_COOKIE, secure);
  }

  private opts(path: string, httpOnly: boolean, sameSite: 'lax' | 'strict', untilMs: number): CookieOptions {
    // whole seconds, rounded up: Max-Age=0 would delete a cookie that has most of a second left
    const maxAge = Math.max(0, Math.ceil((untilMs - Date.now()) / 1000) * 1000);
    return { httpOnly, sameSite, secure: this.secure, path, maxAge };
  }

  setAccess(res: Response, token: string, expMs: number) {
    res.cookie(this.access, token, this.opts('/', true, 'lax', expMs));
  }

  /** After sign-in or a rotation: the refresh token (when a new one was issued) and, at sign-in, the CSRF token. */
  setSession(res: Response, s: IssuedSession, csrf?: string) {
    const until = Date.parse(s.absoluteExpiresAt);
    if (s.refreshToken)
      res.cookie(this.refresh, s.refreshToken, this.opts(REFRESH_PATH, true, 'strict', until));
    if (csrf) res.cookie(this.csrf, csrf, this.opts('/', false, 'strict', until));
  }

  clear(res: Response) {
    res.clearCookie(this.access, { path: '/', secure: this.secure });
    res.clearCookie(this.refresh, { path: REFRESH_PATH, secure: this.secure });
    res.clearCookie(this.csrf, { path: '/', secure: this.secure });
  }
}
