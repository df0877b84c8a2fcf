import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxyServer, type ProxyServer } from '@faultline/chaos';
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

const EXAMPLE = fileURLToPath(
  new URL('../../../../examples/experiments/redis-latency.yaml', import.meta.url),
);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'faultline-experiment-cli-'));
}

describe('faultline experiment run', () => {
  it('runs the Redis example with an embedded proxy and writes its journal', async () => {
    const dir = tempDir();
    const journalFile = join(dir, 'journal.json');
    const output = capture();
    const code = await main(
      [
        'node',
        'faultline',
        'experiment',
        'run',
        EXAMPLE,
        '--proxy-embedded',
        '--journal',
        journalFile,
        '--var',
        `listen_port=${await freePort()}`,
        '--var',
        'threshold_ms=1000',
        '--halt-file',
        join(dir, 'HALT'),
      ],
      output,
    );
    expect(output.stderr).toBe('');
    expect(code).toBe(0);
    expect(output.stdout).toMatch(/embedded fault proxy API on http:\/\/127\.0\.0\.1:\d+/);
    expect(output.stdout).toMatch(/ {2}method +add-100ms-latency +ok/);
    expect(output.stdout).toMatch(/^completed in \d+\.\d s; journal in /m);
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      status: string;
      deviated: boolean;
      run: unknown[];
    };
    expect(journal).toMatchObject({ status: 'completed', deviated: false });
    expect(journal.run).toHaveLength(4);
  }, 30_000);

  it('refuses an invalid experiment with exit 1, naming the file and the path', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'title: t\nmethod:\n  - { type: action, name: a, provider: { type: wait, duration: soon } }\n',
    );
    const output = capture();
    expect(await main(['node', 'faultline', 'experiment', 'run', file], output)).toBe(1);
    expect(output.stderr).toBe(
      `faultline experiment: ${file}: method[0].provider.duration: expected a duration like "250ms" or a number of ms, got "soon"\n`,
    );
  });

  it('refuses what is over the blast radius before injecting anything', async () => {
    const dir = tempDir();
    const file = join(dir, 'wide.yaml');
    writeFileSync(
      file,
      [
        'title: too wide',
        'method:',
        '  - { type: action, name: a, provider: { type: add-toxic, proxy: payments, toxic: { name: x, type: timeout } } }',
        'blast-radius: { allowed-proxies: [redis] }',
      ].join('\n'),
    );
    const output = capture();
    expect(
      await main(['node', 'faultline', 'experiment', 'run', file, '--halt-file', join(dir, 'HALT')], output),
    ).toBe(1);
    expect(output.stderr).toContain(
      'method[0].provider.proxy: proxy "payments" is not in blast-radius.allowed-proxies (redis)',
    );
  });

  it('checks its flags', async () => {
    const output = capture();
    const code = await main(
      [
        'node',
        'faultline',
        'experiment',
        'run',
        EXAMPLE,
        '--var',
        'nokey',
        '--lease',
        '5',
        '--rollback-strategy',
        'maybe',
        '--every',
        'often',
      ],
      output,
    );
    expect(code).toBe(1);
    expect(output.stderr).toContain('--var: expected key=value, got "nokey"');
    expect(output.stderr).toContain(
      '--rollback-strategy: expected one of default, always, never, deviated, got "maybe"',
    );
    expect(output.stderr).toContain('--lease: expected a duration of at least 300ms like "15s", got "5"');
  });

  it('runs on a schedule with --every, keeping --keep journals in --history, until SIGINT', async () => {
    const dir = tempDir();
    const file = join(dir, 'tiny.yaml');
    writeFileSync(
      file,
      'title: tiny\nmethod: [{ type: action, name: nap, provider: { type: wait, duration: 1ms } }]\n',
    );
    const history = join(dir, 'history');
    const output = capture();
    const running = main(
      [
        'node',
        'faultline',
        'experiment',
        'run',
        file,
        '--every',
        '* * * * * *',
        '--history',
        history,
        '--keep',
        '2',
        '--halt-file',
        join(dir, 'HALT'),
      ],
      output,
    );
    const deadline = Date.now() + 15_000;
    while ((output.stdout.match(/^completed/gm) ?? []).length < 3) {
      if (Date.now() > deadline) throw new Error(`fewer than 3 runs: ${output.stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.emit('SIGINT');
    expect(await running).toBe(0);
    const kept = readdirSync(history);
    expect(kept).toHaveLength(2);
    expect(kept.every((name) => name.endsWith('-completed.json'))).toBe(true);
  }, 30_000);

  it('refuses a bad cron expression', async () => {
    const output = capture();
    expect(await main(['node', 'faultline', 'experiment', 'run', EXAMPLE, '--every', 'often'], output)).toBe(
      1,
    );
    expect(output.stderr).toMatch(/--every: expected a cron expression like "\*\/5 \* \* \* \*"/);
  });
});

const CLI_SOURCE = fileURLToPath(new URL('../index.ts', import.meta.url));

describe('faultline experiment run in its own process', () => {
  let server: ProxyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('on SIGINT: interrupted, rollbacks run, toxics removed, exit 130', async () => {
    server = await startProxyServer({ port: 0 });
    const dir = tempDir();
    const file = join(dir, 'hold.yaml');
    writeFileSync(
      file,
      [
        'title: holds a toxic until interrupted',
        'proxies: [{ name: db, listen: "127.0.0.1:0", upstream: "127.0.0.1:9" }]',
        'method:',
        '  - { type: action, name: slow-db, provider: { type: add-toxic, proxy: db, toxic: { name: slow, type: latency } } }',
        '  - { type: action, name: hold, provider: { type: wait, duration: 60s } }',
        'rollbacks:',
        '  - { type: action, name: say-so, provider: { type: process, path: ' +
          JSON.stringify(process.execPath) +
          ', arguments: ["-e", "1"] } }',
      ].join('\n'),
    );
    const runner = join(dir, 'run.mts');
    writeFileSync(
      runner,
      `import { main } from ${JSON.stringify(CLI_SOURCE)};\nprocess.exitCode = await main(process.argv);\n`,
    );
    const journalFile = join(dir, 'journal.json');
    const child = spawn(
      process.execPath,
      [
        '--conditions=@faultline/source',
        '--import',
        'tsx',
        runner,
        'experiment',
        'run',
        file,
        '--proxy-api',
        server.url,
        '--journal',
        journalFile,
        '--halt-file',
        join(dir, 'HALT'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/method +slow-db +ok/.test(stdout)) {
        if (Date.now() > deadline) throw new Error(`the runner did not inject its toxic: ${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(server.proxies.get('db').toxics.list()).toHaveLength(1);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      status: string;
      rollbacks: { status: string }[];
    };
    expect(journal.status).toBe('interrupted');
    expect(journal.rollbacks.map((rollback) => rollback.status)).toEqual(['succeeded']);
    expect(server.proxies.get('db').toxics.list()).toEqual([]);
  }, 40_000);
});

describe('faultline experiment halt', () => {
  let server: ProxyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('turns the emergency stop on, removes injected toxics, and is released with --release', async () => {
    server = await startProxyServer({ port: 0 });
    const post = (path: string, body: unknown) =>
      fetch(`${server!.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    await post('/proxies', { name: 'db', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
    await post('/proxies/db/toxics', {
      name: 'faultline-exp.abc.slow',
      type: 'latency',
      attributes: { latency: 10 },
    });
    await post('/proxies/db/toxics', { name: 'someone-elses', type: 'latency', attributes: { latency: 10 } });
    const haltFile = join(tempDir(), 'HALT');
    const output = capture();
    expect(
      await main(
        ['node', 'faultline', 'experiment', 'halt', '--proxy-api', server.url, '--halt-file', haltFile],
        output,
      ),
    ).toBe(0);
    expect(output.stdout).toContain('removed 1 injected toxic(s)');
    expect(existsSync(haltFile)).toBe(true);
    expect(
      server.proxies
        .get('db')
        .toxics.list()
        .map((toxic) => toxic.name),
    ).toEqual(['someone-elses']);

    const refused = capture();
    const dir = tempDir();
    const code = await main(
      [
        'node',
        'faultline',
        'experiment',
        'run',
        EXAMPLE,
        '--proxy-api',
        server.url,
        '--halt-file',
        haltFile,
        '--journal',
        join(dir, 'j.json'),
      ],
      refused,
    );
    expect(code).toBe(3);
    expect(refused.stdout).toMatch(/^aborted: the emergency stop is on/m);

    const released = capture();
    expect(
      await main(['node', 'faultline', 'experiment', 'halt', '--release', '--halt-file', haltFile], released),
    ).toBe(0);
    expect(released.stdout).toContain('released');
    expect(existsSync(haltFile)).toBe(false);
  });

  it('says which proxy API it could not clean, with exit 1', async () => {
    const output = capture();
    const code = await main(
      [
        'node',
        'faultline',
        'experiment',
        'halt',
        '--proxy-api',
        'http://127.0.0.1:1',
        '--halt-file',
        join(tempDir(), 'HALT'),
      ],
      output,
    );
    expect(code).toBe(1);
    expect(output.stderr).toMatch(
      /could not clean http:\/\/127\.0\.0\.1:1: proxy API .* did not answer GET \/proxies/,
    );
  });
});
