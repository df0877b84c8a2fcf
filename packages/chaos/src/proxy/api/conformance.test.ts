import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Toxiproxy, ToxiproxyError } from 'toxiproxy-node-client';
import { TOXIPROXY_API_VERSION } from '../constants.js';
import { Fixtures, api, peerGone, portOf, readBytes } from '../test-support/loopback.js';
import type { ProxyServer } from './server.js';

/**
 * Toxiproxy 2.x API conformance, through toxiproxy-node-client (a client written against the real
 * Toxiproxy) and, where a client hides the status or body, through plain HTTP, asserted exactly.
 */
describe('Toxiproxy API conformance', () => {
  const fixtures = new Fixtures();
  let server: ProxyServer;
  let client: Toxiproxy;
  let upstream: string;

  beforeEach(async () => {
    server = await fixtures.proxyServer();
    client = new Toxiproxy(server.url);
    upstream = `127.0.0.1:${await fixtures.echoServer()}`;
  });
  afterEach(() => fixtures.cleanup());

  const failure = (status: number) =>
    new ToxiproxyError('Error', `Request failed with status code ${status}`);

  describe('GET /version', () => {
    it("answers 2.x's JSON version", async () => {
      expect(await client.getVersion()).toBe(`{"version": "${TOXIPROXY_API_VERSION}"}\n`);
      const reply = await api(server, 'GET', '/version');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/json;charset=utf-8');
    });
  });

  describe('POST /proxies', () => {
    it('creates a listening proxy with 201, echoing the real port for port 0', async () => {
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      expect(proxy.name).toBe('redis');
      expect(proxy.enabled).toBe(true);
      expect(proxy.upstream).toBe(upstream);
      expect(proxy.listen).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(portOf(proxy.listen)).not.toBe(0);
      const socket = await fixtures.connect(portOf(proxy.listen));
      socket.write('ping');
      expect((await readBytes(socket, 4)).toString()).toBe('ping');

      const reply = await api(server, 'POST', '/proxies', { name: 'other', listen: 'localhost:0', upstream });
      expect(reply.status).toBe(201);
      const listen = (reply.body as { listen: string }).listen;
      expect(listen).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(reply.body).toEqual({ name: 'other', listen, upstream, enabled: true, toxics: [] });
    });

    it('creates a disabled proxy without listening when enabled is false', async () => {
      const reply = await api(server, 'POST', '/proxies', {
        name: 'off',
        listen: '127.0.0.1:0',
        upstream,
        enabled: false,
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        name: 'off',
        listen: '127.0.0.1:0',
        upstream,
        enabled: false,
        toxics: [],
      });
    });

    it('refuses a taken name with 409', async () => {
      await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      await expect(client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream })).rejects.toEqual(
        failure(409),
      );
      const reply = await api(server, 'POST', '/proxies', { name: 'redis', listen: '127.0.0.1:0', upstream });
      expect(reply).toMatchObject({ status: 409, body: { error: 'proxy already exists', status: 409 } });
    });

    it('refuses a body without name or upstream, or that is not JSON, with 400', async () => {
      expect(await api(server, 'POST', '/proxies', { upstream })).toMatchObject({
        status: 400,
        body: { error: 'missing required field: name', status: 400 },
      });
      expect(await api(server, 'POST', '/proxies', { name: 'x' })).toMatchObject({
        status: 400,
        body: { error: 'missing required field: upstream', status: 400 },
      });
      expect(await api(server, 'POST', '/proxies', '')).toMatchObject({
        status: 400,
        body: { error: 'bad request body: EOF', status: 400 },
      });
      const garbled = await api(server, 'POST', '/proxies', '{"name":');
      expect(garbled.status).toBe(400);
      expect((garbled.body as { error: string }).error).toMatch(/^bad request body: /);
      expect(await api(server, 'POST', '/proxies', { name: 5, upstream })).toMatchObject({
        status: 400,
        body: { error: 'bad request body: name: expected a string, got 5', status: 400 },
      });
    });

    it('answers 500 with the listen error when the port is taken', async () => {
      const taken = await client.createProxy({ name: 'a', listen: '127.0.0.1:0', upstream });
      const reply = await api(server, 'POST', '/proxies', { name: 'b', listen: taken.listen, upstream });
      expect(reply).toMatchObject({
        status: 500,
        body: { error: `listen tcp ${taken.listen}: bind: address already in use`, status: 500 },
      });
      expect((await api(server, 'GET', '/proxies/b')).status).toBe(404);
    });
  });

  describe('GET /proxies and GET /proxies/{proxy}', () => {
    it('lists proxies by name with their toxics, and shows one', async () => {
      const created = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      await created.addToxic({ type: 'latency', attributes: { latency: 10 } } as never);
      const all = await client.getAll();
      expect(Object.keys(all)).toEqual(['redis']);
      expect(all['redis']!.listen).toBe(created.listen);
      expect((await client.get('redis')).toJson()).toEqual(created.toJson());

      const reply = await api(server, 'GET', '/proxies');
      expect(reply.status).toBe(200);
      const toxic = {
        attributes: { latency: 10, jitter: 0 },
        name: 'latency_downstream',
        type: 'latency',
        stream: 'downstream',
        toxicity: 1,
      };
      const proxy = { name: 'redis', listen: created.listen, upstream, enabled: true, toxics: [toxic] };
      expect(reply.body).toEqual({ redis: proxy });
      expect(await api(server, 'GET', '/proxies/redis')).toMatchObject({ status: 200, body: proxy });
    });

    it('answers 404 for an unknown proxy', async () => {
      await expect(client.get('nope')).rejects.toEqual(failure(404));
      expect(await api(server, 'GET', '/proxies/nope')).toMatchObject({
        status: 404,
        body: { error: 'proxy not found', status: 404 },
      });
    });
  });

  describe('POST and PATCH /proxies/{proxy}', () => {
    it('disables and enables a proxy, closing its connections, keeping fields not given', async () => {
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      const socket = await fixtures.connect(portOf(proxy.listen));
      const closed = peerGone(socket);
      const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream });
      expect(disabled.enabled).toBe(false);
      await closed;
      await expect(fixtures.connect(portOf(proxy.listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' });

      const reply = await api(server, 'PATCH', '/proxies/redis', { enabled: true });
      expect(reply).toMatchObject({
        status: 200,
        body: { name: 'redis', listen: proxy.listen, upstream, enabled: true, toxics: [] },
      });
      const again = await fixtures.connect(portOf(proxy.listen));
      again.write('back');
      expect((await readBytes(again, 4)).toString()).toBe('back');
    });

    it('moves a proxy to a new upstream', async () => {
      const other = `127.0.0.1:${await fixtures.server((socket) => socket.end('other'))}`;
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      const reply = await api(server, 'POST', '/proxies/redis', { upstream: other });
      expect(reply).toMatchObject({
        status: 200,
        body: { upstream: other, enabled: true, listen: proxy.listen },
      });
      const socket = await fixtures.connect(portOf(proxy.listen));
      expect((await readBytes(socket, 5)).toString()).toBe('other');
    });

    it('answers 404 for an unknown proxy and 400 for a bad body', async () => {
      await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      expect(await api(server, 'PATCH', '/proxies/nope', { enabled: true })).toMatchObject({
        status: 404,
        body: { error: 'proxy not found', status: 404 },
      });
      expect(await api(server, 'PATCH', '/proxies/redis', { enabled: 'yes' })).toMatchObject({
        status: 400,
        body: { error: 'bad request body: enabled: expected true or false, got "yes"', status: 400 },
      });
    });
  });

  describe('DELETE /proxies/{proxy}', () => {
    it('deletes with 204 and an empty body, then 404', async () => {
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      await proxy.remove();
      await expect(client.get('redis')).rejects.toEqual(failure(404));
      await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      const reply = await api(server, 'DELETE', '/proxies/redis');
      expect(reply.status).toBe(204);
      expect(reply.body).toBeUndefined();
      expect(await api(server, 'DELETE', '/proxies/redis')).toMatchObject({
        status: 404,
        body: { error: 'proxy not found', status: 404 },
      });
    });
  });

  describe('POST /populate', () => {
    it('creates proxies with 201 and answers {"proxies": [...]}', async () => {
      const proxies = await client.populate([
        { name: 'a', listen: '127.0.0.1:0', upstream },
        { name: 'b', listen: '127.0.0.1:0', upstream, enabled: false },
      ]);
      expect(Object.keys(proxies)).toEqual(['a', 'b']);
      expect(proxies['a']!.enabled).toBe(true);
      expect(proxies['b']!.enabled).toBe(false);

      const reply = await api(server, 'POST', '/populate', [{ name: 'c', listen: '127.0.0.1:0', upstream }]);
      expect(reply.status).toBe(201);
      const [c] = (reply.body as { proxies: { listen: string }[] }).proxies;
      expect(reply.body).toEqual({
        proxies: [{ name: 'c', listen: c!.listen, upstream, enabled: true, toxics: [] }],
      });
    });

    it('keeps a proxy whose listen and upstream are unchanged, with its connections, and replaces others', async () => {
      const first = await client.populate([{ name: 'a', listen: '127.0.0.1:0', upstream }]);
      const listen = first['a']!.listen;
      const socket = await fixtures.connect(portOf(listen));
      await client.populate([{ name: 'a', listen, upstream }]);
      socket.write('still');
      expect((await readBytes(socket, 5)).toString()).toBe('still');

      const other = `127.0.0.1:${await fixtures.echoServer()}`;
      const closed = peerGone(socket);
      const replaced = await client.populate([{ name: 'a', listen, upstream: other }]);
      expect(replaced['a']!.upstream).toBe(other);
      await closed;
    });

    it('checks every entry before changing anything', async () => {
      expect(
        await api(server, 'POST', '/populate', [
          { name: 'a', listen: '127.0.0.1:0', upstream },
          { upstream },
        ]),
      ).toMatchObject({
        status: 400,
        body: { error: 'missing required field: name at proxy 2', status: 400 },
      });
      expect(await api(server, 'POST', '/populate', [{ name: 'a' }])).toMatchObject({
        status: 400,
        body: { error: 'missing required field: upstream at proxy 1', status: 400 },
      });
      expect(await api(server, 'POST', '/populate', { name: 'a' })).toMatchObject({
        status: 400,
        body: { error: 'bad request body: expected a JSON array of proxies, got an object', status: 400 },
      });
      expect(await client.getAll()).toEqual({});
    });
  });

  describe('GET and POST /proxies/{proxy}/toxics', () => {
    it("creates a toxic with 200 and Toxiproxy's defaults: <type>_<stream>, downstream, toxicity 1", async () => {
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      const toxic = await proxy.addToxic({ type: 'latency', attributes: { latency: 100 } } as never);
      expect(toxic.toJson()).toEqual({
        attributes: { latency: 100, jitter: 0 },
        name: 'latency_downstream',
        type: 'latency',
        stream: 'downstream',
        toxicity: 1,
      });
      const reply = await api(server, 'POST', '/proxies/redis/toxics', {
        name: 'slow_up',
        type: 'bandwidth',
        stream: 'upstream',
        toxicity: 0.5,
        attributes: { rate: 100 },
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        attributes: { rate: 100 },
        name: 'slow_up',
        type: 'bandwidth',
        stream: 'upstream',
        toxicity: 0.5,
      });
      // Upstream toxics are listed before downstream ones.
      expect(await api(server, 'GET', '/proxies/redis/toxics')).toMatchObject({
        status: 200,
        body: [{ name: 'slow_up' }, { name: 'latency_downstream' }],
      });
    });

    it('answers 409, 400 and 404 as Toxiproxy does', async () => {
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      await proxy.addToxic({ type: 'timeout', attributes: { timeout: 0 } } as never);
      await expect(proxy.addToxic({ type: 'timeout', attributes: {} } as never)).rejects.toEqual(
        failure(409),
      );
      const cases: [unknown, number, string][] = [
        [{ type: 'timeout' }, 409, 'toxic already exists'],
        [{ type: 'frobnicate' }, 400, 'invalid toxic type'],
        [{}, 400, 'invalid toxic type'],
        [
          { type: 'latency', stream: 'sideways' },
          400,
          'stream was invalid, can be either upstream or downstream',
        ],
        [
          { type: 'latency', toxicity: 2 },
          400,
          'bad request body: toxicity: expected a probability from 0 to 1, got 2',
        ],
        [
          { type: 'latency', attributes: { latnecy: 5 } },
          400,
          'bad request body: attributes.latnecy: unknown option; did you mean "latency"? (known: latency, jitter)',
        ],
      ];
      for (const [body, status, error] of cases)
        expect(await api(server, 'POST', '/proxies/redis/toxics', body)).toMatchObject({
          status,
          body: { error, status },
        });
      expect(await api(server, 'POST', '/proxies/nope/toxics', { type: 'latency' })).toMatchObject({
        status: 404,
        body: { error: 'proxy not found', status: 404 },
      });
      expect(await api(server, 'GET', '/proxies/nope/toxics')).toMatchObject({ status: 404 });
    });
  });

  describe('GET, POST, PATCH and DELETE /proxies/{proxy}/toxics/{toxic}', () => {
    it('shows a toxic, merges attributes on update, and deletes it with 204', async () => {
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      await proxy.addToxic({ type: 'latency', attributes: { latency: 100, jitter: 5 } } as never);
      const toxic = await proxy.getToxic('latency_downstream');
      expect(toxic.attributes).toEqual({ latency: 100, jitter: 5 });

      // The node client sends the whole toxic; only attributes and toxicity change.
      const updated = await toxic.update({ ...toxic.toJson(), attributes: { jitter: 10 } } as never);
      expect(updated.toJson()).toMatchObject({ attributes: { latency: 100, jitter: 10 }, toxicity: 1 });
      expect(
        await api(server, 'PATCH', '/proxies/redis/toxics/latency_downstream', {
          attributes: { latency: 50 },
        }),
      ).toMatchObject({ status: 200, body: { attributes: { latency: 50, jitter: 10 }, toxicity: 1 } });
      expect(
        await api(server, 'POST', '/proxies/redis/toxics/latency_downstream', { toxicity: 0.25 }),
      ).toMatchObject({ status: 200, body: { attributes: { latency: 50, jitter: 10 }, toxicity: 0.25 } });

      await updated.remove();
      await expect(proxy.getToxic('latency_downstream')).rejects.toEqual(failure(404));
      await proxy.addToxic({ type: 'latency', attributes: { latency: 1 } } as never);
      const reply = await api(server, 'DELETE', '/proxies/redis/toxics/latency_downstream');
      expect(reply.status).toBe(204);
      expect(reply.body).toBeUndefined();
    });

    it('answers 404 for an unknown toxic or proxy, and 400 for a bad update', async () => {
      await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      for (const method of ['GET', 'PATCH', 'POST', 'DELETE'])
        expect(
          await api(
            server,
            method,
            '/proxies/redis/toxics/nope',
            method === 'GET' || method === 'DELETE' ? undefined : {},
          ),
        ).toMatchObject({
          status: 404,
          body: { error: 'toxic not found', status: 404 },
        });
      expect(await api(server, 'GET', '/proxies/nope/toxics/x')).toMatchObject({
        status: 404,
        body: { error: 'proxy not found', status: 404 },
      });
      await api(server, 'POST', '/proxies/redis/toxics', { type: 'bandwidth' });
      expect(
        await api(server, 'PATCH', '/proxies/redis/toxics/bandwidth_downstream', {
          attributes: { rate: -1 },
        }),
      ).toMatchObject({
        status: 400,
        body: { error: 'bad request body: attributes.rate: expected a number ≥ 0, got -1', status: 400 },
      });
    });
  });

  describe('POST /reset', () => {
    it('enables every proxy and removes every toxic, with 204', async () => {
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      await proxy.addToxic({ type: 'latency', attributes: { latency: 100 } } as never);
      await proxy.update({ enabled: false, listen: proxy.listen, upstream });
      await client.reset();
      expect((await client.get('redis')).enabled).toBe(true);
      expect(await api(server, 'GET', '/proxies/redis/toxics')).toMatchObject({ status: 200, body: [] });
      const reply = await api(server, 'POST', '/reset');
      expect(reply.status).toBe(204);
      expect(reply.body).toBeUndefined();
    });
  });

  describe('GET /metrics', () => {
    it("counts bytes per proxy and direction under Toxiproxy's metric names", async () => {
      const proxy = await client.createProxy({ name: 'redis', listen: '127.0.0.1:0', upstream });
      const socket = await fixtures.connect(portOf(proxy.listen));
      socket.write('12345');
      await readBytes(socket, 5);
      const text = await client.getApi().getText(`${server.url}/metrics`);
      const labels = `listener="${proxy.listen}",proxy="redis",upstream="${upstream}"`;
      expect(text).toContain('# TYPE toxiproxy_proxy_received_bytes_total counter');
      expect(text).toContain(`toxiproxy_proxy_received_bytes_total{direction="upstream",${labels}} 5`);
      expect(text).toContain(`toxiproxy_proxy_sent_bytes_total{direction="downstream",${labels}} 5`);
      expect(text).toContain(`faultline_proxy_connections{${labels}} 1`);
    });
  });

  describe('what no endpoint covers', () => {
    it('refuses browsers with 403, unknown paths with 404 and wrong methods with 405', async () => {
      expect(
        await api(server, 'GET', '/proxies', undefined, { 'user-agent': 'Mozilla/5.0 (X11)' }),
      ).toMatchObject({
        status: 403,
        body: { error: 'User agent not allowed', status: 403 },
      });
      expect(await api(server, 'GET', '/frobnicate')).toMatchObject({
        status: 404,
        body: { error: 'no such endpoint: GET /frobnicate', status: 404 },
      });
      expect(await api(server, 'PUT', '/proxies')).toMatchObject({
        status: 405,
        body: { error: 'method PUT not allowed here; use GET, POST', status: 405 },
      });
    });
  });
});
