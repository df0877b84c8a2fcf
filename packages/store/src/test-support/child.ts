import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Starts a script of this folder in its own Node process, running the store from source (tsx,
 * with the @faultline/source condition) so it never tests a stale build. The process is node
 * itself, not npx, so a SIGKILL reaches the process that holds the database.
 */
export function startScript(script: string, args: readonly string[]): ScriptProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@faultline/source',
      fileURLToPath(new URL(script, import.meta.url)),
      ...args,
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  return new ScriptProcess(child);
}

/** A running script: its stdout lines as JSON messages, its stderr kept for failure messages. */
export class ScriptProcess {
  readonly messages: unknown[] = [];
  stderr = '';
  private readonly waiters: { until: (messages: unknown[]) => boolean; resolve: () => void }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.messages.push(JSON.parse(line));
      for (const waiter of [...this.waiters]) {
        if (waiter.until(this.messages)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves once `until` holds for the messages so far; rejects if the process exits first. */
  waitFor(until: (messages: unknown[]) => boolean): Promise<void> {
    if (until(this.messages)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ until, resolve });
      void this.exited.then(({ code, signal }) => {
        if (!until(this.messages))
          reject(new Error(`script exited (${code ?? signal}) early:\n${this.stderr}`));
      });
    });
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }
}
