import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, VirtualClock } from '@faultline/core';
import { Fixtures, api, createProxy, portOf, readBytes } from '../test-support/loopback.js';
import { startProxyServer } from './server.js';

const TOKEN = 'a-long-enough-secret-token';

describe('the proxy server', () => {
  const fixtures = new Fixtures();
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'faultline-proxy-'))));
  afterEach(async () => {
    await fixtures.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to serve the API beyond this machine without a token', async () => {
    const start = startProxyServer({ host: '0.0.0.0', port: 0, token: '' });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toMatchObject({
      issues: [
        {
          path: 'host',
          message:
            'refusing to serve the proxy API on 0.0.0.0 without an access token: set FAULTLINE_TOKEN (clients then send "Authorization: Bearer <token>"), or listen on 127.0.0.1',
        },
      ],
    });
  });

  it('with a token, answers only requests that carry it', async () => {
    const server = await fixtures.proxyServer({ token: TOKEN });
    expect(await api(server, 'GET', '/proxies')).toMatchObject({
      status: 401,
      body: {
        error:
          'missing or wrong access token: send "Authorization: Bearer <token>" with the token in FAULTLINE_TOKEN',
        status: 401,
      },
    });
    expect(
      (await api(server, 'GET', '/proxies', undefined, { authorization: `Bearer ${TOKEN}x` })).status,
    ).toBe(401);
    expect(
      (await api(server, 'GET', '/proxies', undefined, { authorization: `Bearer ${TOKEN}` })).status,
    ).toBe(200);
  });

  it('rejects short tokens and unknown options, naming each', async () => {
    await expect(startProxyServer({ port: 0, token: 'short', bodyLimt: 5 } as never)).rejects.toMatchObject({
      issues: [
        { path: 'bodyLimt', message: expect.stringContaining('did you mean "bodyLimit"?') },
        { path: 'token', message: 'expected a secret of at least 16 characters, got 5 characters' },
      ],
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const server = await fixtures.proxyServer({ bodyLimit: 100 });
    const reply = await api(server, 'POST', '/proxies', { name: 'x'.repeat(200), upstream: '127.0.0.1:1' });
    expect(reply).toMatchObject({
      status: 413,
      body: { error: 'request body too large: the limit is 100 bytes (option bodyLimit)', status: 413 },
    });
  });

  it('starts with the proxies and toxics of a config file in the populate format', async () => {
    const echo = await fixtures.echoServer();
    const file = join(dir, 'toxiproxy.json');
    await writeFile(
      file,
      JSON.stringify([
        {
          name: 'echo',
          listen: '127.0.0.1:0',
          upstream: `127.0.0.1:${echo}`,
          toxics: [{ type: 'latency', attributes: { latency: '50ms' } }],
        },
        { name: 'off', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo}`, enabled: false },
      ]),
    );
    const server = await fixtures.proxyServer({ config: file });
    const { body } = await api(server, 'GET', '/proxies');
    expect(body).toMatchObject({
      echo: {
        enabled: true,
        toxics: [{ name: 'latency_downstream', attributes: { latency: 50, jitter: 0 } }],
      },
      off: { enabled: false, toxics: [] },
    });
    const socket = await fixtures.connect(portOf((body as { echo: { listen: string } }).echo.listen));
    socket.write('hi');
    expect((await readBytes(socket, 2)).toString()).toBe('hi');
  });

  it('refuses to start on a bad config file, naming the file and the entry', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify([
        { name: 'a', upstream: '127.0.0.1:1', toxics: [{ type: 'latency', attributes: { latency: -1 } }] },
      ]),
    );
    await expect(startProxyServer({ port: 0, config: file })).rejects.toMatchObject({
      issues: [
        {
          path: file,
          message:
            'bad request body: [0].toxics[0].attributes.latency: expected a duration like "250ms", got -1',
        },
      ],
    });
    await writeFile(file, '[{"name": ');
    await expect(startProxyServer({ port: 0, config: file })).rejects.toMatchObject({
      issues: [{ path: file, message: expect.stringMatching(/^expected JSON in the populate format: /) }],
    });
  });

  it('declares toxics in /populate, and toxics with a duration remove themselves', async () => {
    const clock = new VirtualClock();
    const server = await fixtures.proxyServer({ clock });
    const reply = await api(server, 'POST', '/populate', [
      {
        name: 'p',
        listen: '127.0.0.1:0',
        upstream: '127.0.0.1:9',
        toxics: [
          { name: 'brief', type: 'timeout', duration: '30s' },
          { name: 'lasting', type: 'latency', stream: 'upstream' },
        ],
      },
    ]);
    expect(reply.status).toBe(201);
    expect((reply.body as { proxies: { toxics: unknown[] }[] }).proxies[0]!.toxics).toEqual([
      {
        attributes: { latency: 0, jitter: 0 },
        name: 'lasting',
        type: 'latency',
        stream: 'upstream',
        toxicity: 1,
      },
      {
        attributes: { timeout: 0 },
        name: 'brief',
        type: 'timeout',
        stream: 'downstream',
        toxicity: 1,
        duration: 30_000,
      },
    ]);
    clock.advance(29_999);
    expect((await api(server, 'GET', '/proxies/p/toxics')).body).toHaveLength(2);
    clock.advance(1);
    expect((await api(server, 'GET', '/proxies/p/toxics')).body).toEqual([
      expect.objectContaining({ name: 'lasting' }),
    ]);
  });

  it('makes toxicity reproducible with a seed, connection by connection', async () => {
    const echo = await fixtures.echoServer();
    const pattern = async (seed: number): Promise<string> => {
      const server = await fixtures.proxyServer({ seed });
      const port = await createProxy(server, 'p', echo);
      // Half of the connections are cut at their first byte; the others echo.
      await api(server, 'POST', '/proxies/p/toxics', {
        type: 'limit_data',
        toxicity: 0.5,
        attributes: { bytes: 0 },
      });
      let outcome = '';
      for (let i = 0; i < 24; i++) {
        const socket = await fixtures.connect(port);
        socket.write('x');
        outcome += await readBytes(socket, 1, 2000).then(
          () => 'e',
          () => 'c',
        );
        socket.destroy();
      }
      return outcome;
    };
    const first = await pattern(11);
    expect(first).toMatch(/c/);
    expect(first).toMatch(/e/);
    expect(await pattern(11)).toBe(first);
    expect(await pattern(12)).not.toBe(first);
  });
});
