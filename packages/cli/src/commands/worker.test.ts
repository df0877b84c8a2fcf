import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main, type Output } from '../program.js';

const CLI_SOURCE = fileURLToPath(new URL('../index.ts', import.meta.url));
const REDIS_URL = process.env['FAULTLINE_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const dir = mkdtempSync(join(tmpdir(), 'faultline-worker-'));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** The first match of `pattern` in what it printed. */
  readonly matched: RegExpMatchArray;
}

/** `faultline ...args` from source in a child process; resolves once its output matches `ready`. */
function cli(args: string[], ready: RegExp): Promise<Running> {
  const runner = join(dir, 'run.mts');
  writeFileSync(
    runner,
    `import { main } from ${JSON.stringify(CLI_SOURCE)};\nprocess.exitCode = await main(process.argv);\n`,
  );
  const child = spawn(
    process.execPath,
    ['--conditions=@faultline/source', '--import', 'tsx', runner, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FAULTLINE_TOKEN: '', FAULTLINE_QUEUE_URL: '', LOG_LEVEL: 'warn' },
    },
  );
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let text = '';
    const read = (chunk: Buffer): void => {
      text += chunk.toString();
      const matched = text.match(ready);
      if (matched) resolve({ child, exited, matched });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => reject(new Error(`faultline ${args[0]} exited:\n${text}`)));
  });
}

function capture(): Output & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out: (text: string) => void (output.stdout += text),
    err: (text: string) => void (output.stderr += text),
  };
  return output;
}

// Cancels, stalls and sharing are tested against Redis with the server (packages/server, runs/redis).
describe('faultline worker', () => {
  it('takes the runs of `faultline serve --queue` (two processes on one SQLite file), and stops on SIGTERM', async () => {
    const name = `faultline-cli-test-${randomBytes(6).toString('hex')}`;
    const db = join(dir, 'studio.db');
    const queue = ['--queue', REDIS_URL, '--queue-name', name, '--db', db];
    try {
      const server = await cli(['serve', '--port', '0', ...queue], /studio on (http:\/\/\S+) /);
      const worker = await cli(['worker', ...queue], /faultline worker: (\S+) taking runs/);
      const base = `${server.matched[1]}/api/v1`;
      const post = async (path: string, body: unknown) =>
        (await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((response) => response.json())) as { id: string };
      const design = await post('/designs', {
        document: {
          name: 'cli',
          duration: '10s',
          services: { api: { calls: [{ to: 'db' }] }, db: {} },
          workload: [{ target: 'api', rate: 100 }],
        },
      });
      const run = await post(`/designs/${design.id}/runs`, {});
      let status = 'queued';
      let owner: string | null = null;
      for (let polls = 0; ['queued', 'running'].includes(status) && polls < 400; polls += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        ({ status, owner } = (await fetch(`${base}/runs/${run.id}`).then((response) => response.json())) as {
          status: string;
          owner: string | null;
        });
      }
      expect({ status, owner }).toEqual({ status: 'succeeded', owner: worker.matched[1] });
      worker.child.kill('SIGTERM');
      server.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(await server.exited).toBe(0);
    } finally {
      const bull = new Queue(name, { connection: { url: REDIS_URL } });
      await bull.obliterate({ force: true });
      await bull.close();
    }
  }, 30_000);

  it('explains itself in --help', async () => {
    const output = capture();
    expect(await main(['node', 'faultline', 'worker', '--help'], output)).toBe(0);
    for (const flag of [
      '--queue <url>',
      '--db <path>',
      '--concurrency <n>',
      'FAULTLINE_DATABASE_URL',
      'stalled',
    ])
      expect(output.stdout).toContain(flag);
  });

  it('refuses to start without a Redis queue, or with a bad one, naming the flag', async () => {
    const saved = process.env['FAULTLINE_QUEUE_URL'];
    delete process.env['FAULTLINE_QUEUE_URL'];
    try {
      const missing = capture();
      expect(await main(['node', 'faultline', 'worker', '--concurrency', '0'], missing)).toBe(1);
      expect(missing.stderr).toContain('faultline worker: --queue: expected the Redis run queue');
      expect(missing.stderr).toContain(
        'faultline worker: --concurrency: expected a whole number from 1 to 256',
      );
      const wrong = capture();
      expect(await main(['node', 'faultline', 'worker', '--queue', 'http://127.0.0.1:6379'], wrong)).toBe(1);
      expect(wrong.stderr).toBe(
        'faultline worker: --queue: expected a Redis URL like "redis://127.0.0.1:6379", got "http://127.0.0.1:6379"\n',
      );
    } finally {
      if (saved !== undefined) process.env['FAULTLINE_QUEUE_URL'] = saved;
    }
  });
});
