/**
 * A small bounded cache for signed and verified tokens, so the hot path does not sign or
 * verify an HMAC per request. Entries expire with their token; the oldest go first when full.
 */
export class TokenCache<V> {
  private readonly map = new Map<string, { value: V; until: number }>();
  constructor(private readonly max = 10_000) {}

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.until <= now) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, until: number): void {
    if (this.map.size >= this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    this.map.set(key, { value, until });
  }
}
