import type { AuditEntry } from '@zhanye/contracts';

/** A refused request worth an inspector's eye: a 404 on an id (probing), an invalid token. */
export interface Refusal {
  /** Who (or which client address) is refused, e.g. `u-am1` or `ip:10.0.0.7`. */
  who: string;
  /** What kind of refusal, e.g. `NOT_FOUND`, `INVALID_TOKEN`. */
  kind: string;
  /** The audit entry of this occurrence: recorded as is when it opens a window. */
  entry: Omit<AuditEntry, 'at' | 'input' | 'before' | 'after'> & { input?: unknown };
}

interface Window {
  first: Refusal;
  from: number;
  count: number;
  actions: Set<string>;
  targets: string[];
}

const MAX_TARGETS = 20;

/**
 * Records security-relevant refusals so a probe shows in the audit trail, without letting a probe
 * flood it: per (who, kind), the first refusal of a window is recorded as it is, and when the window
 * closes with more, one summary record `security.refusals` says how many, of which actions, and the
 * first targets. At most two records per (who, kind) per window, and at most `maxKeys` windows open
 * (the oldest closes early when full).
 */
export class RefusalMonitor {
  private readonly open = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly record: (entry: Refusal['entry']) => void,
    private readonly opts: { windowMs?: number; maxKeys?: number } = {},
  ) {}

  private get windowMs() {
    return this.opts.windowMs ?? 60_000;
  }

  note(r: Refusal, now = Date.now()): void {
    const key = `${r.who}|${r.kind}`;
    const w = this.open.get(key);
    if (w && now - w.from < this.windowMs) {
      w.count++;
      w.actions.add(r.entry.action);
      if (r.entry.target && w.targets.length < MAX_TARGETS) w.targets.push(r.entry.target);
      return;
    }
    if (w) this.close(key, w, now);
    if (this.open.size >= (this.opts.maxKeys ?? 10_000)) {
      const [oldestKey, oldest] = this.open.entries().next().value as [string, Window];
      this.close(oldestKey, oldest, now);
    }
    this.open.set(key, {
      first: r,
      from: now,
      count: 1,
      actions: new Set([r.entry.action]),
      targets: r.entry.target ? [r.entry.target] : [],
    });
    this.record(r.entry);
  }

  private close(key: string, w: Window, now: number): void {
    this.open.delete(key);
    if (w.count < 2) return;
    const { first } = w;
    this.record({
      ...first.entry,
      action: 'security.refusals',
      target: null,
      result: first.kind,
      input: {
        count: w.count,
        from: new Date(w.from).toISOString(),
        to: new Date(now).toISOString(),
        actions: [...w.actions],
        targets: w.targets,
        who: first.who,
      },
    });
  }

  /** Closes the windows that have run their time (called by the timer). */
  flush(now = Date.now(), all = false): void {
    for (const [key, w] of [...this.open]) {
      if (all || now - w.from >= this.windowMs) this.close(key, w, now);
    }
  }

  start(): this {
    this.timer ??= setInterval(() => this.flush(), Math.min(this.windowMs, 10_000));
    this.timer.unref();
    return this;
  }

  /** Writes the summaries of every open window and stops the timer. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.flush(Date.now(), true);
  }
}
