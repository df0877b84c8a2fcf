import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type Output } from '../program.js';

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

const CLI_SOURCE = fileURLToPath(new URL('../index.ts', import.meta.url));

/** Runs `faultline ...args` from source in a child process, as a user would run the built CLI. */
function spawnCli(args: string[]): ChildProcess & { stdoutText: () => string } {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
  const runner = join(dir, 'run.mts');
  writeFileSync(
    runner,
    `import { main } from ${JSON.stringify(CLI_SOURCE)};\nprocess.exitCode = await main(process.argv);\n`,
  );
  const child = spawn(
    process.execPath,
    ['--conditions=@faultline/source', '--import', 'tsx', runner, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FAULTLINE_TOKEN: '' } },
  );
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return Object.assign(child, { stdoutText: () => stdout });
}

function waitFor(check: () => RegExpMatchArray | null, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = (): void => {
      const match = check();
      if (match) resolve(match);
      else if (Date.now() > deadline) reject(new Error(`not seen within ${timeoutMs} ms`));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

describe('faultline proxy', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  it('serves the Toxiproxy API until SIGTERM, then closes and exits 0', async () => {
    const cli = spawnCli(['proxy', '--port', '0', '--seed', '7']);
    child = cli;
    const [, url] = await waitFor(
      () => /API on (http:\/\/127\.0\.0\.1:\d+) \(Toxiproxy/.exec(cli.stdoutText()),
      15_000,
    );
    const version = await fetch(`${url}/version`);
    expect(version.status).toBe(200);
    const created = await fetch(`${url}/proxies`, {
      method: 'POST',
      body: JSON.stringify({ name: 'p', listen: '127.0.0.1:0', upstream: '127.0.0.1:6379' }),
    });
    expect(created.status).toBe(201);
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    cli.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(cli.stdoutText()).toContain('faultline proxy: stopping');
  });

  it('lists the proxies of a config file when it starts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-cli-')), 'proxies.json');
    writeFileSync(
      file,
      JSON.stringify([{ name: 'redis', listen: '127.0.0.1:0', upstream: '127.0.0.1:6379' }]),
    );
    const cli = spawnCli(['proxy', '--port', '0', '--config', file]);
    child = cli;
    await waitFor(() => /redis: 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:6379/.exec(cli.stdoutText()), 15_000);
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    cli.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses bad options with the flag and the fix, exit 1', async () => {
    const output = capture();
    const previous = process.env['FAULTLINE_TOKEN'];
    delete process.env['FAULTLINE_TOKEN'];
    try {
      expect(await main(['node', 'faultline', 'proxy', '--host', '0.0.0.0', '--port', 'http'], output)).toBe(
        1,
      );
    } finally {
      if (previous !== undefined) process.env['FAULTLINE_TOKEN'] = previous;
    }
    expect(output.stderr).toBe(
      'faultline proxy: --port: expected a whole number ≥ 0 and ≤ 65535, got "http"\n' +
        'faultline proxy: --host: refusing to serve the proxy API on 0.0.0.0 without an access token: set FAULTLINE_TOKEN (clients then send "Authorization: Bearer <token>"), or listen on 127.0.0.1\n',
    );
  });
});
