import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '@faultline/core';
import {
  Fixtures,
  addToxic,
  api,
  closedPort,
  createProxy,
  eventually,
  pattern,
  peerGone,
  readBytes,
  readToEnd,
  removeToxic,
} from '../test-support/loopback.js';

/** Toxics whose definition loses no byte: any of them may come and go while bytes flow. */
const LOSSLESS: Record<string, unknown>[] = [
  { type: 'latency', attributes: { latency: 15, jitter: 10 } },
  { type: 'bandwidth', attributes: { rate: 20_000 } },
  { type: 'slicer', attributes: { average_size: 512, size_variation: 100, delay: 50 } },
  { type: 'slow_open', attributes: { delay: 20 } },
  { type: 'slow_close', attributes: { delay: 20 } },
  { type: 'limit_time', attributes: { time: 600_000 } },
  { type: 'latency', toxicity: 0.5, attributes: { latency: 5 } },
];

describe('links over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('carries bytes both ways untouched and passes a half-close through', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'echo', await fixtures.echoServer());
    const socket = await fixtures.connect(port);
    const sent = pattern(3_000_000);
    const reply = readToEnd(socket);
    socket.end(sent);
    const { data, error } = await reply;
    expect(error).toBeUndefined();
    expect(data.equals(sent)).toBe(true);
  });

  it('loses no byte and reorders none while toxics are added, updated and removed on live connections', async () => {
    const server = await fixtures.proxyServer({ seed: 1 });
    const port = await createProxy(server, 'echo', await fixtures.echoServer());
    const sockets = await Promise.all([1, 2, 3].map(() => fixtures.connect(port)));
    const size = 2_000_000;
    const replies = sockets.map((socket) => readToEnd(socket, 15_000));
    // Writers respect backpressure and send in pieces, so toxic changes land mid-stream.
    const writers = sockets.map(async (socket, i) => {
      const data = pattern(size, i);
      for (let offset = 0; offset < size; offset += 16_384) {
        if (!socket.write(data.subarray(offset, offset + 16_384)))
          await new Promise((resolve) => socket.once('drain', resolve));
        if (offset % 262_144 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      socket.end();
    });
    const random = seededRandom(42);
    const live: { name: string }[] = [];
    let changes = 0;
    const churn = (async () => {
      for (let round = 0; round < 60; round++) {
        if (live.length > 0 && random.next() < 0.45) {
          const [toxic] = live.splice(Math.floor(random.next() * live.length), 1);
          await removeToxic(server, 'echo', toxic!.name);
        } else if (live.length > 0 && random.next() < 0.3) {
          const toxic = live[Math.floor(random.next() * live.length)]!;
          const reply = await api(server, 'PATCH', `/proxies/echo/toxics/${toxic.name}`, {
            toxicity: random.next(),
          });
          expect(reply.status).toBe(200);
        } else {
          const spec = LOSSLESS[Math.floor(random.next() * LOSSLESS.length)]!;
          const name = `t${round}`;
          await addToxic(server, 'echo', {
            ...spec,
            name,
            stream: random.next() < 0.5 ? 'upstream' : 'downstream',
          });
          live.push({ name });
        }
        changes++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await Promise.all([...writers, churn]);
    for (const toxic of live) await removeToxic(server, 'echo', toxic.name);
    const results = await Promise.all(replies);
    expect(changes).toBe(60);
    results.forEach(({ data, error }, i) => {
      expect(error).toBeUndefined();
      expect(data.length).toBe(size);
      expect(data.equals(pattern(size, i))).toBe(true);
    });
  });

  it('stops reading from a sender while its bytes are held, so memory stays bounded', async () => {
    const maxBufferedBytes = 64 * 1024;
    const server = await fixtures.proxyServer({ maxBufferedBytes });
    const total = 4_000_000;
    const data = pattern(total);
    const upstream = await fixtures.server((socket) => {
      socket.end(data);
    });
    const port = await createProxy(server, 'flood', upstream);
    await addToxic(server, 'flood', { type: 'latency', attributes: { latency: 20 } });
    const socket = await fixtures.connect(port);
    socket.pause();
    const proxy = server.proxies.get('flood');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // What the proxy read but did not hand to the kernel: held in toxics or queued in the socket.
    const { received, sent } = proxy.bytes.downstream;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(total);
    expect(received - sent).toBeLessThanOrEqual(maxBufferedBytes + 65_536);
    socket.resume();
    const { data: got } = await readToEnd(socket, 10_000);
    expect(got.equals(data)).toBe(true);
  });

  it('delivers what it holds for a side that closed, then closes the other', async () => {
    const server = await fixtures.proxyServer();
    const upstream = await fixtures.server((socket) => {
      // The server answers and drops the connection at once, both ways.
      socket.end('bye', () => socket.destroy());
    });
    const port = await createProxy(server, 'p', upstream);
    await addToxic(server, 'p', { type: 'latency', attributes: { latency: 100 } });
    const socket = await fixtures.connect(port);
    const { data } = await readToEnd(socket);
    expect(data.toString()).toBe('bye');
    // Half-closes pass through: the connection is done once the client closes its side too.
    socket.end();
    await eventually(() => server.proxies.get('p').connectionCount === 0, 2000, 'connection closed');
  });

  it('never touches a connection with a toxic of toxicity 0 (Toxiproxy #603)', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'echo', await fixtures.echoServer());
    await addToxic(server, 'echo', { type: 'reset_peer', toxicity: 0, attributes: { timeout: 0 } });
    for (let i = 0; i < 20; i++) {
      const socket = await fixtures.connect(port);
      socket.write('alive');
      expect((await readBytes(socket, 5)).toString()).toBe('alive');
      socket.destroy();
    }
  });

  it('closes the client when the upstream cannot be reached', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'nowhere', await closedPort());
    const socket = await fixtures.connect(port);
    await peerGone(socket);
    expect(server.proxies.get('nowhere').connectionCount).toBe(0);
  });

  describe('the API never hangs on toxic changes', () => {
    it('removes a latency toxic in front of a black-holing timeout while data flows (Toxiproxy #159)', async () => {
      const server = await fixtures.proxyServer();
      const sink = await fixtures.sinkServer();
      const port = await createProxy(server, 'p', sink.port);
      await addToxic(server, 'p', {
        name: 'slow',
        type: 'latency',
        stream: 'upstream',
        attributes: { latency: 500 },
      });
      const socket = await fixtures.connect(port);
      const writer = setInterval(() => socket.write('tick\n'), 5);
      try {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await addToxic(server, 'p', {
          name: 'hole',
          type: 'timeout',
          stream: 'upstream',
          attributes: { timeout: 0 },
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const started = performance.now();
        await removeToxic(server, 'p', 'slow');
        expect((await api(server, 'GET', '/proxies')).status).toBe(200);
        expect(performance.now() - started).toBeLessThan(2000);
      } finally {
        clearInterval(writer);
      }
    });

    it('adds and removes a rate-0 bandwidth toxic again and again under traffic (Toxiproxy #210)', async () => {
      const server = await fixtures.proxyServer();
      const port = await createProxy(server, 'p', await fixtures.echoServer());
      const socket = await fixtures.connect(port);
      socket.resume();
      const writer = setInterval(() => socket.write(pattern(4096)), 2);
      try {
        for (let i = 0; i < 30; i++) {
          await addToxic(server, 'p', { name: 'bw', type: 'bandwidth', attributes: { rate: 0 } });
          await removeToxic(server, 'p', 'bw');
        }
      } finally {
        clearInterval(writer);
      }
      socket.write('end');
      expect((await api(server, 'GET', '/proxies/p')).status).toBe(200);
    });

    it('removes a toxic holding data for a client that is gone (Toxiproxy #558)', async () => {
      const server = await fixtures.proxyServer();
      const upstream = await fixtures.server((socket) => {
        const timer = setInterval(() => socket.write(pattern(65_536)), 1);
        socket.on('close', () => clearInterval(timer));
        socket.on('error', () => clearInterval(timer));
      });
      const port = await createProxy(server, 'p', upstream);
      await addToxic(server, 'p', { name: 'slow', type: 'latency', attributes: { latency: 2000 } });
      const socket = await fixtures.connect(port);
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      await removeToxic(server, 'p', 'slow');
      expect((await api(server, 'GET', '/proxies/p/toxics')).body).toEqual([]);
      await eventually(() => server.proxies.get('p').connectionCount === 0, 2000, 'connection closed');
    });
  });

  it('echoes a few bytes through every toxic type at once, then again once they are removed', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'p', await fixtures.echoServer());
    const socket = await fixtures.connect(port);
    for (const [i, spec] of LOSSLESS.entries()) await addToxic(server, 'p', { ...spec, name: `t${i}` });
    socket.write('hello');
    expect((await readBytes(socket, 5)).toString()).toBe('hello');
    expect((await api(server, 'POST', '/reset')).status).toBe(204);
    socket.write('again');
    expect((await readBytes(socket, 5)).toString()).toBe('again');
  });
});
