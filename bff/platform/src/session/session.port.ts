import type { SessionEndReason } from '@zhanye/contracts';

/**
 * What the access model (admin changes) needs from sessions, without depending on how sessions
 * are stored: end a user's sessions, and tell open sessions that what their users may do changed.
 */
export interface SessionControl {
  /** Ends every live session of a user (except `keep`); returns how many ended. */
  endAllForUser(userId: string, reason: SessionEndReason, keep?: string): Promise<number>;
  /** Marks access changed for users, a whole bank, or everyone: their next request re-reads it. */
  accessChanged(target: { users: string[] } | { bank: string } | 'all'): Promise<void>;
}
