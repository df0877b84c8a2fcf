import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProxyServer } from '../api/server.js';
import { Fixtures, addToxic, api, createProxy } from '../test-support/loopback.js';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** One HTTP request through `agent`; rejects with the socket error when the connection fails. */
function send(
  port: number,
  agent: Agent,
  options: { method?: string; path?: string; body?: string; chunked?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined && !options.chunked)
      headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = httpRequest(
      { host: '127.0.0.1', port, agent, method: options.method ?? 'GET', path: options.path ?? '/', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (options.body !== undefined && options.chunked) {
      req.write(options.body.slice(0, 3));
      req.end(options.body.slice(3));
    } else {
      req.end(options.body);
    }
  });
}

describe('HTTP mode over loopback TCP', () => {
  const fixtures = new Fixtures();
  let upstream: Server;
  let seen: { method: string; url: string; body: string }[];
  let sockets: number;
  let agent: Agent;

  beforeEach(async () => {
    seen = [];
    sockets = 0;
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, body: Buffer.concat(chunks).toString() });
        res.end(`served ${req.url}`);
      });
    });
    upstream.on('connection', () => sockets++);
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    agent.destroy();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    await fixtures.cleanup();
  });

  async function httpProxy(options: { seed?: number } = {}): Promise<{ server: ProxyServer; port: number }> {
    const server = await fixtures.proxyServer(options);
    const port = await createProxy(server, 'web', (upstream.address() as AddressInfo).port, {
      protocol: 'http',
    });
    return { server, port };
  }

  it('answers the first N requests with a status from the proxy, on the same keep-alive connection', async () => {
    const { server, port } = await httpProxy();
    await addToxic(server, 'web', {
      type: 'http_status',
      attributes: { status: 503, first: 2, body: 'try later', headers: { 'retry-after': '1' } },
    });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await send(port, agent, { path: `/r${i}` }));
    expect(answers.map((a) => a.status)).toEqual([503, 503, 200, 200]);
    expect(answers[0]).toMatchObject({
      body: 'try later',
      headers: { 'retry-after': '1', connection: 'keep-alive' },
    });
    expect(answers[2]!.body).toBe('served /r2');
    expect(seen.map((r) => r.url)).toEqual(['/r2', '/r3']);
    expect(sockets).toBe(1);
    expect(server.proxies.get('web').connectionCount).toBe(1);
  });

  it('swallows the body of an answered request, so the next one on the connection arrives whole', async () => {
    const { server, port } = await httpProxy();
    await addToxic(server, 'web', { type: 'http_status', attributes: { status: 500, path: '/fail' } });
    const failed = await send(port, agent, { method: 'POST', path: '/fail', body: 'x'.repeat(10_000) });
    const chunked = await send(port, agent, {
      method: 'POST',
      path: '/fail',
      body: 'chunky body',
      chunked: true,
    });
    const ok = await send(port, agent, { method: 'POST', path: '/ok', body: 'keep me' });
    expect([failed.status, chunked.status, ok.status]).toEqual([500, 500, 200]);
    expect(failed.body).toBe('500 Internal Server Error\n');
    expect(seen).toEqual([{ method: 'POST', url: '/ok', body: 'keep me' }]);
  });

  it('selects requests by path, method and header as the HTTP fault middleware does', async () => {
    const { server, port } = await httpProxy();
    await addToxic(server, 'web', {
      type: 'http_status',
      attributes: { status: 418, path: '/api/*', method: ['POST', 'PUT'], header: 'x-chaos=on' },
    });
    const plain = (path: string, method = 'POST') => send(port, agent, { method, path, body: '' });
    const statuses = [
      (await plain('/api/orders')).status,
      (await plain('/api/orders', 'GET')).status,
      (await plain('/other')).status,
    ];
    const chaos = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, agent, method: 'PUT', path: '/api/x', headers: { 'x-chaos': 'on' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect([...statuses, chaos]).toEqual([200, 200, 200, 418]);
    expect(
      await api(server, 'POST', '/proxies/web/toxics', { type: 'http_delay', attributes: { path: 'api' } }),
    ).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('attributes.path: expected a path like') },
    });
  });

  it('fails a percentage of requests, the same ones for the same seed', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const { server, port } = await httpProxy({ seed });
      await addToxic(server, 'web', { type: 'http_status', attributes: { status: 502, percentage: 50 } });
      const statuses: number[] = [];
      const own = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = 0; i < 40; i++) statuses.push((await send(port, own, { path: `/p${i}` })).status);
      own.destroy();
      await server.close();
      return statuses;
    };
    const first = await run(7);
    const failures = first.filter((s) => s === 502).length;
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThan(30);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
  });

  it('aborts requests: the client gets no answer, and a reset with `reset`', async () => {
    const { server, port } = await httpProxy();
    await addToxic(server, 'web', { name: 'drop', type: 'http_abort', attributes: { path: '/drop' } });
    await addToxic(server, 'web', {
      name: 'rst',
      type: 'http_abort',
      attributes: { path: '/rst', reset: true },
    });
    await expect(send(port, agent, { path: '/drop' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(send(port, agent, { path: '/rst' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await send(port, agent, { path: '/fine' })).status).toBe(200);
    expect(seen.map((r) => r.url)).toEqual(['/fine']);
  });

  it('delays the selected requests only', async () => {
    const { server, port } = await httpProxy();
    await addToxic(server, 'web', { type: 'http_delay', attributes: { delay: 250, path: '/slow' } });
    let started = performance.now();
    expect((await send(port, agent, { path: '/slow' })).status).toBe(200);
    const slow = performance.now() - started;
    started = performance.now();
    expect((await send(port, agent, { path: '/fast' })).status).toBe(200);
    const fast = performance.now() - started;
    expect(slow).toBeGreaterThanOrEqual(225);
    expect(fast).toBeLessThan(slow - 200);
  });

  it('still applies stream toxics to the bytes', async () => {
    const { server, port } = await httpProxy();
    await addToxic(server, 'web', { type: 'latency', attributes: { latency: 200 } });
    const started = performance.now();
    expect((await send(port, agent)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('refuses HTTP toxics on a TCP proxy, or on the downstream stream', async () => {
    const server = await fixtures.proxyServer();
    await createProxy(server, 'tcp', (upstream.address() as AddressInfo).port);
    expect(await api(server, 'POST', '/proxies/tcp/toxics', { type: 'http_status' })).toMatchObject({
      status: 400,
      body: {
        error:
          'bad request body: type: http_status needs a proxy in HTTP mode (create the proxy with "protocol": "http")',
      },
    });
    await createProxy(server, 'web', (upstream.address() as AddressInfo).port, { protocol: 'http' });
    expect(
      await api(server, 'POST', '/proxies/web/toxics', { type: 'http_abort', stream: 'downstream' }),
    ).toMatchObject({
      status: 400,
      body: {
        error: 'bad request body: stream: http_abort acts on requests, which flow upstream: use "upstream"',
      },
    });
    const created = await api(server, 'POST', '/proxies/web/toxics', { type: 'http_delay' });
    expect(created).toMatchObject({ status: 200, body: { name: 'http_delay_upstream', stream: 'upstream' } });
    expect((await api(server, 'GET', '/proxies/web')).body).toMatchObject({ protocol: 'http' });
  });
});
