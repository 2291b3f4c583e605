/**
 * The user last signed in on this browser (their id, in localStorage), so that a page kept to come
 * back to after signing in again never opens for someone else: on a shared branch PC, the next
 * person to sign in lands on the workbench home, not on the previous user's customer.
 * Written by the login page and the workbench; kept after signing out (it names nobody's data).
 */
const KEY = 'zy.lastUser';

export function lastUser(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function rememberUser(userId: string): void {
  try {
    localStorage.setItem(KEY, userId);
  } catch {
    // storage disabled: a kept page then opens for whoever signs in, as before
  }
}
