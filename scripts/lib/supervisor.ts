import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type Backoff, backoffDelay } from '@zhanye/kit';

/**
 * When to restart a child that died, as systemd's `Restart=on-failure` with
 * `RestartSteps`/`RestartMaxDelaySec` and a start limit (deploy/systemd/ does the same in
 * production): a crash or a kill is restarted after a delay that doubles from `initialMs` up to
 * `maxMs`; a clean exit (code 0: it was asked to stop) is not. A run of `stableAfterMs` resets the
 * count; after `maxFailures` failures in a row (crashes before that, or starts that never got
 * ready) it gives up and says so, rather than flapping forever.
 */
export interface RestartPolicy extends Backoff {
  stableAfterMs: number;
  maxFailures: number;
}

export const RESTART_POLICY: RestartPolicy = {
  initialMs: 500,
  maxMs: 30_000,
  stableAfterMs: 60_000,
  maxFailures: 10,
};

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr of every run, appended. */
  logFile: string;
  /** The line a child prints once it serves (kit `READY_PREFIX`). */
  ready: RegExp;
  readyTimeoutMs?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * One child process, kept running: started, watched for its ready line, and restarted with
 * backoff when it dies after it was ready. Each run gets `ZY_RESTARTS` (how many restarts came
 * before it), which a service publishes in its NATS service metadata for the services page.
 */
export class Supervised {
  /** How many times the process was restarted after dying. */
  restarts = 0;
  state: 'starting' | 'running' | 'waiting' | 'stopped' | 'failed' = 'starting';
  private child: ChildProcess | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private readonly out: WriteStream;

  constructor(
    readonly spec: ChildSpec,
    private readonly policy: RestartPolicy,
    /** Where the supervisor's own lines go (the stack's console); they are in the child's log too. */
    private readonly say: (line: string) => void,
  ) {
    this.out = createWriteStream(spec.logFile);
  }

  get name() {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The first start: resolves once the child is ready; rejects if it exits or hangs before that (no restart). */
  start(): Promise<void> {
    return this.run();
  }

  /** Stops the child (SIGTERM, then SIGKILL after `graceMs`) and any pending restart. */
  async stop(graceMs = 15_000): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    const c = this.child;
    if (c && c.exitCode === null && c.signalCode === null) {
      await new Promise<void>((r) => {
        const force = setTimeout(() => c.kill('SIGKILL'), graceMs);
        c.once('exit', () => {
          clearTimeout(force);
          r();
        });
        c.kill('SIGTERM');
      });
    }
    await new Promise<void>((r) => this.out.end(r));
  }

  private log(line: string) {
    this.say(`supervisor: ${line}`);
    this.out.write(`supervisor: ${line}\n`);
  }

  private run(): Promise<void> {
    const { spec } = this;
    this.state = 'starting';
    const startedAt = Date.now();
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...spec.env, ZY_RESTARTS: String(this.restarts) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // the log stream outlives each child
    child.stdout?.pipe(this.out, { end: false });
    child.stderr?.pipe(this.out, { end: false });
    let ready = false;
    return new Promise<void>((resolve, reject) => {
      const first = this.restarts === 0 && this.failures === 0;
      const hung = setTimeout(() => {
        if (first) reject(new Error(`${spec.name} did not start in time; see ${spec.logFile}`));
        this.log(`${spec.name} (pid ${child.pid}) did not get ready in time; killing it`);
        child.kill('SIGKILL');
      }, spec.readyTimeoutMs ?? 60_000);
      let pending = '';
      child.stdout?.on('data', (buf: Buffer) => {
        if (ready) return;
        const text = pending + buf.toString();
        pending = text.slice(text.lastIndexOf('\n') + 1);
        if (!spec.ready.test(text)) return;
        ready = true;
        clearTimeout(hung);
        this.state = 'running';
        if (this.restarts > 0) this.log(`${spec.name} is back (restart ${this.restarts}, pid ${child.pid})`);
        resolve();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(hung);
        if (this.state === 'stopped') return resolve();
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (!ready && first) {
          this.state = 'failed';
          return reject(new Error(`${spec.name} exited with ${how}; see ${spec.logFile}`));
        }
        this.onExit(how, code === 0 && !signal, Date.now() - startedAt, ready);
      });
    });
  }

  private onExit(how: string, clean: boolean, ranMs: number, wasReady: boolean) {
    const { name } = this.spec;
    if (clean) {
      this.state = 'stopped';
      this.log(`${name} exited cleanly (${how}) after ${seconds(ranMs)}; not restarting`);
      return;
    }
    if (wasReady && ranMs >= this.policy.stableAfterMs) this.failures = 0;
    this.failures += 1;
    if (this.failures > this.policy.maxFailures) {
      this.state = 'failed';
      this.log(
        `${name} exited (${how}); it failed ${this.failures - 1} times in a row without running ` +
          `${seconds(this.policy.stableAfterMs)}: giving up (see ${this.spec.logFile})`,
      );
      return;
    }
    const delay = backoffDelay(this.failures, this.policy);
    this.state = 'waiting';
    this.log(
      `${name} exited (${how}) after ${seconds(ranMs)}; restart ${this.restarts + 1} ` +
        `(failure ${this.failures} of ${this.policy.maxFailures} in a row) in ${seconds(delay)}`,
    );
    this.timer = setTimeout(() => {
      if (this.state !== 'waiting') return;
      this.restarts += 1;
      // a restart that never gets ready is killed by the ready timeout and counted as a failure
      this.run().catch(() => undefined);
    }, delay);
  }
}
