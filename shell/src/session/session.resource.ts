import { type ApiClient, type Me, platformApi, RemoteEntry } from '@zhanye/contracts';
import { devOverrideTokens } from './dev-overrides.ts';

export interface Session {
  me: Me;
  remotes: RemoteEntry[];
}

const CACHE_KEY = 'zy.registry';
const Remotes = RemoteEntry.array();

/**
 * Who is signed in and which apps they get. If the registry cannot answer, the last good
 * answer for the same user is used, so a registry outage does not empty the workbench.
 */
export async function loadSession(api: ApiClient): Promise<Session> {
  const [me, remotes] = await Promise.all([
    api.call(platformApi.me, {}),
    api.call(platformApi.registry, overridesInput()).then(
      (answer) => answer.remotes,
      (error: unknown) => {
        console.warn('[shell] registry unavailable, using the last good answer', error);
        return null;
      },
    ),
  ]);
  if (remotes)
    save(
      me.user.userId,
      remotes.filter((r) => !r.override),
    );
  return { me, remotes: remotes ?? cached(me.user.userId) };
}

function overridesInput(): { overrides?: string } {
  const tokens = devOverrideTokens();
  return tokens.length ? { overrides: tokens.join(',') } : {};
}

export function forgetRegistry(): void {
  try {
    localStorage.removeItem(CACHE_KEY);
  } catch {
    // storage disabled: nothing was kept
  }
}

function save(userId: string, remotes: RemoteEntry[]): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify({ userId, remotes }));
  } catch {
    // storage full or disabled: the next registry failure will find no fallback
  }
}

function cached(userId: string): RemoteEntry[] {
  try {
    const saved = JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null') as {
      userId?: unknown;
      remotes?: unknown;
    };
    const remotes = Remotes.safeParse(saved?.remotes);
    return saved?.userId === userId && remotes.success ? remotes.data : [];
  } catch {
    return [];
  }
}
