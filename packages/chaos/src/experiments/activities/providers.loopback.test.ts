import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '@faultline/core';
import { validateExperiment } from '../format/load.js';
import type { Provider } from '../format/schema.js';
import { ToxicInjector } from '../toxics/injector.js';
import { defaultProviders } from './providers.js';
import { encodeCommand, readReply } from './resp.js';

/** The provider of an activity, validated as a file would be (defaults filled in). */
function provider(spec: Record<string, unknown>): Provider {
  return validateExperiment({ title: 't', method: [{ type: 'probe', name: 'p', provider: spec }] }).method[0]!
    .provider;
}

function run(spec: Record<string, unknown>, signal = new AbortController().signal) {
  const toxics = new ToxicInjector({ clock: systemClock, runId: 't', api: 'http://127.0.0.1:1' });
  const p = provider(spec);
  return defaultProviders[p.type]({ provider: p, signal, clock: systemClock, toxics });
}

describe('providers on loopback', () => {
  let http: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
    http = undefined;
  });

  it('http: status as the value, JSON body parsed, request body and headers sent', async () => {
    http = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            method: request.method,
            got: JSON.parse(body),
            header: request.headers['x-test'],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/x`;
    const output = await run({
      type: 'http',
      url,
      method: 'POST',
      headers: { 'x-test': 'yes' },
      body: { a: 1 },
    });
    expect(output.value).toBe(201);
    expect(output['body']).toEqual({ method: 'POST', got: { a: 1 }, header: 'yes' });
  });

  it('tcp: connects, or fails when nothing listens', async () => {
    http = createServer();
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    const output = await run({ type: 'tcp', port: (http.address() as AddressInfo).port });
    expect(output['connected']).toBe(true);
    await expect(run({ type: 'tcp', port: 1 })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('redis: replies in order against the real Redis; an error reply fails', async () => {
    const key = `faultline:experiment-test:${process.pid}:${Date.now()}`;
    const output = await run({
      type: 'redis',
      commands: [
        ['SET', key, 'v', 'PX', 5000],
        ['GET', key],
        ['DEL', key],
      ],
    });
    expect(output['replies']).toEqual(['OK', 'v', 1]);
    await expect(run({ type: 'redis', commands: [['NOSUCHCOMMAND']] })).rejects.toThrow(
      /Redis answered NOSUCHCOMMAND with ERR/,
    );
  });

  it('process: the exit code is the value, stdout the text; a missing program fails', async () => {
    const output = await run({
      type: 'process',
      path: process.execPath,
      arguments: ['-e', 'console.log("hi"); process.exit(3)'],
    });
    expect(output.value).toBe(3);
    expect(output.text).toBe('hi\n');
    await expect(run({ type: 'process', path: '/no/such/program' })).rejects.toThrow(/ENOENT/);
  });

  it.skipIf(process.platform !== 'linux')(
    'kill: by pid, and by exact name (a program copied under a unique name)',
    async () => {
      const byPid = spawn('sleep', ['30'], { stdio: 'ignore' });
      const pidExit = new Promise((resolve) => byPid.once('exit', (_code, signal) => resolve(signal)));
      expect((await run({ type: 'kill', pid: byPid.pid, signal: 'SIGKILL' })).value).toBe(1);
      expect(await pidExit).toBe('SIGKILL');

      const name = `fx${randomBytes(4).toString('hex')}`; // under 15 characters: /proc's comm keeps 15
      const program = join(mkdtempSync(join(tmpdir(), 'faultline-kill-')), name);
      copyFileSync('/bin/sleep', program);
      const byName = spawn(program, ['30'], { stdio: 'ignore' });
      const nameExit = new Promise((resolve) => byName.once('exit', (_code, signal) => resolve(signal)));
      await new Promise((resolve) => byName.once('spawn', resolve));
      expect((await run({ type: 'kill', name })).value).toBe(1);
      expect(await nameExit).toBe('SIGTERM');
      await expect(run({ type: 'kill', name })).rejects.toThrow(`no process named "${name}"`);
    },
  );
});

describe('RESP', () => {
  it('encodes commands as bulk strings and reads every reply type, incomplete ones as undefined', () => {
    expect(encodeCommand(['SET', 'k', 12]).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n12\r\n');
    const replies = Buffer.from('+OK\r\n-ERR x\r\n:5\r\n$-1\r\n*2\r\n$1\r\na\r\n:1\r\n');
    const values: unknown[] = [];
    for (let at = 0; at < replies.length;) {
      const reply = readReply(replies, at)!;
      values.push(reply.value);
      at = reply.end;
    }
    expect(values).toEqual(['OK', { error: 'ERR x' }, 5, null, ['a', 1]]);
    expect(readReply(Buffer.from('$5\r\nab'))).toBeUndefined();
    expect(readReply(Buffer.from('*2\r\n:1\r\n'))).toBeUndefined();
  });
});
