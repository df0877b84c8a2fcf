import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main, type Output } from '../program.js';

const CLI_SOURCE = fileURLToPath(new URL('../index.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'faultline-serve-'));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

interface Serving {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  output(): string;
}

/** `faultline serve ...args` from source in a child process; resolves once it listens. */
function serve(args: string[]): Promise<Serving> {
  const runner = join(dir, 'run.mts');
  writeFileSync(
    runner,
    `import { main } from ${JSON.stringify(CLI_SOURCE)};\nprocess.exitCode = await main(process.argv);\n`,
  );
  const child = spawn(
    process.execPath,
    ['--conditions=@faultline/source', '--import', 'tsx', runner, 'serve', '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FAULTLINE_TOKEN: '', LOG_LEVEL: 'warn' } },
  );
  children.push(child);
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${text}`)), 60_000);
    const read = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = /studio on (http:\/\/[^\s]+) /.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, exited, output: () => text });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => reject(new Error(`the server exited:\n${text}`)));
  });
}

async function api(base: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { items?: unknown[] },
  };
}

const design = (name: string) => ({
  name,
  duration: '1h',
  services: { api: { instances: 2, calls: [{ to: 'db', timeout: '1s' }] }, db: { latency: '2ms' } },
  workload: [{ target: 'api', rate: 3000 }],
});

describe('faultline serve', () => {
  it('refuses another host than loopback without FAULTLINE_TOKEN, and a bad port', async () => {
    const saved = process.env['FAULTLINE_TOKEN'];
    delete process.env['FAULTLINE_TOKEN'];
    try {
      const output = capture();
      expect(
        await main(
          ['node', 'faultline', 'serve', '--host', '0.0.0.0', '--db', join(dir, 'refused.db')],
          output,
        ),
      ).toBe(1);
      expect(output.stderr).toMatch(
        /--host: refusing to listen on 0\.0\.0\.0 without an access token: set FAULTLINE_TOKEN/,
      );
      const port = capture();
      expect(await main(['node', 'faultline', 'serve', '--port', 'http'], port)).toBe(1);
      expect(port.stderr).toMatch(/--port: expected a whole number, got "http"/);
    } finally {
      if (saved !== undefined) process.env['FAULTLINE_TOKEN'] = saved;
    }
  });

  it('after kill -9 during runs: designs intact, the runs interrupted, the audit chain verifies', async () => {
    const db = join(dir, 'studio.db');
    const first = await serve(['--db', db, '--workers', '1']);
    const examples = (await api(first.url, '/designs')).body['total'] as number;
    const created = await Promise.all(
      ['alpha', 'beta'].map(
        async (name) =>
          (await api(first.url, '/designs', { method: 'POST', body: { document: design(name) } })).body,
      ),
    );
    const runs = [];
    for (const { id } of created)
      runs.push((await api(first.url, `/designs/${id}/runs`, { method: 'POST', body: {} })).body);
    for (
      let tries = 0;
      (await api(first.url, `/runs/${runs[0]!['id']}`)).body['status'] !== 'running';
      tries++
    ) {
      if (tries > 600) throw new Error('the run never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await serve(['--db', db, '--workers', '1']);
    const listed = (await api(second.url, '/designs?limit=100')).body;
    expect(listed['total']).toBe(examples + 2);
    for (const { id, document } of created as { id: string; document: unknown }[]) {
      const read = (await api(second.url, `/designs/${id}`)).body;
      expect(read).toMatchObject({ version: 1, document });
    }
    for (const run of runs) {
      const read = (await api(second.url, `/runs/${run['id']}`)).body;
      expect(read).toMatchObject({ status: 'interrupted' });
      expect(read['error']).toMatch(/Interrupted/);
    }
    const audit = (await api(second.url, '/audit/verify')).body;
    expect(audit).toMatchObject({ ok: true });
    // Examples, two designs, two runs created, one started, two interrupted.
    expect(audit['entries']).toBe(examples + 2 + 2 + 1 + 2);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/stopping/);
  }, 120_000);
});
