import { isApiError } from '@zhanye/contracts';

/**
 * The `Idempotency-Key` of a form: the same key for every send of the same request, so a double
 * click or a retry after a network error, a 5xx or a 504 is applied once by the server; a new key
 * once the server gave a definite answer (success, or a refusal the user will correct), so a
 * changed form is a new request rather than a 409 `IDEMPOTENCY_KEY_REUSED`.
 */
export class SubmitKey {
  private key = crypto.randomUUID();

  get current(): string {
    return this.key;
  }

  /** After a send: keeps the key while the outcome is unknown, else starts a new one. */
  settle(error?: unknown): void {
    const unknown =
      isApiError(error) &&
      (error.status === 0 || error.status >= 500 || error.reason === 'IDEMPOTENCY_IN_PROGRESS');
    if (!unknown) this.key = crypto.randomUUID();
  }
}
