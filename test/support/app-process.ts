import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** One of our processes (api, worker, projector) started as in production, for fault tests. */
export class AppProcess {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];
  /** Texts a test waits for, and whether the process has printed them since its last start. */
  private readonly awaited = new Map<string, boolean>();

  constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
    readonly label: string,
  ) {}

  start(): void {
    // The owner's address of a sourced .infra/env names the shared database, not this test's: a
    // process gets one only when the test gives it (issue 24).
    const { DATABASE_OWNER_URL: _owner, ...inherited } = process.env;
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(ROOT, this.entry)], {
      cwd: ROOT,
      env: { ...inherited, ...this.env, LOG_LEVEL: this.env.LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const text of this.awaited.keys()) this.awaited.set(text, false);
    const keep = (chunk: Buffer) => {
      const printed = chunk.toString('utf8');
      this.output.push(printed);
      if (this.output.length > 200) this.output.shift();
      for (const [text, seen] of this.awaited)
        if (!seen && printed.includes(text)) this.awaited.set(text, true);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  /** From now on, note when the process prints `text` (reset at every start); see waitForOutput. */
  watchFor(text: string): void {
    this.awaited.set(text, false);
  }

  /** Resolves once the process has printed a watched text since it was last started. */
  async waitForOutput(text: string, timeoutMs: number): Promise<void> {
    if (!this.awaited.has(text)) throw new Error(`${this.label}: watchFor('${text}') saknas före start`);
    await waitUntil(async () => this.awaited.get(text) === true, timeoutMs, `${this.label}: ${text}`);
  }

  /** kill -9: no shutdown hooks, no commits, no goodbyes. */
  async kill9(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** Resolves with the exit code (or the signal) once the process has ended. */
  waitForExit(timeoutMs: number): Promise<number | string> {
    const child = this.child;
    if (!child) return Promise.reject(new Error(`${this.label} är inte startad`));
    if (child.exitCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.label} avslutades inte inom ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? signal ?? 'okänd');
      });
    });
  }

  /** SIGTERM and the exit code, without waiting forever. */
  async terminate(timeoutMs: number): Promise<number | string> {
    const exit = this.waitForExit(timeoutMs);
    this.child?.kill('SIGTERM');
    const code = await exit;
    this.child = null;
    return code;
  }

  get text(): string {
    return this.output.join('');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`väntade förgäves i ${timeoutMs} ms på: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Polls `check` until it gives a value and returns it. `retryErrors`: a check that throws (a server
 * still restarting) counts as "not yet" instead of failing the wait.
 */
export async function waitForValue<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
  options: { intervalMs?: number; retryErrors?: boolean } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await (options.retryErrors ? check().catch(() => null) : check());
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`väntade förgäves på: ${what}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
