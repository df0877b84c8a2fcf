import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock, seededRandom } from '@faultline/core';
import { nodeHttpFaults } from './node.js';
import type { HttpFaultRule } from './rules.js';
import { close, listen, nextEvent, send } from './test-support/loopback.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** A loopback server answering 200 "served <path>" behind the faults. */
async function serve(rules: HttpFaultRule[], options: Parameters<typeof nodeHttpFaults>[1] = {}) {
  const handler = vi.fn((req: { url?: string }, res: { end(body: string): void }) =>
    res.end(`served ${req.url}`),
  );
  const faults = nodeHttpFaults(rules, options);
  const server = createServer(faults.wrap(handler));
  servers.push(server);
  return { port: await listen(server), handler, faults };
}

describe('nodeHttpFaults over loopback', () => {
  it('aborts matching requests with 503 and the default JSON body; others reach the handler', async () => {
    const { port, handler } = await serve([{ path: '/orders/*', abort: true }]);
    expect(await send(port, { path: '/orders/1' })).toMatchObject({
      status: 503,
      body: '{"error":"injected fault"}',
      contentType: 'application/json; charset=utf-8',
    });
    expect(handler).not.toHaveBeenCalled();
    expect(await send(port, { path: '/health' })).toMatchObject({ status: 200, body: 'served /health' });
  });

  it('answers with the rule’s own status and body, chosen by method and header', async () => {
    const { port } = await serve([
      { method: 'POST', header: 'x-chaos=on', status: 429, body: 'slow down' },
      { method: 'DELETE', status: 500, body: { code: 'E_CHAOS' } },
    ]);
    expect(await send(port, { method: 'POST', headers: { 'x-chaos': 'on' } })).toMatchObject({
      status: 429,
      body: 'slow down',
      contentType: 'text/plain; charset=utf-8',
    });
    expect(await send(port, { method: 'POST', headers: { 'x-chaos': 'off' } })).toMatchObject({
      status: 200,
    });
    expect(await send(port, { method: 'DELETE', path: '/orders/1' })).toMatchObject({
      status: 500,
      body: '{"code":"E_CHAOS"}',
    });
  });

  it('resets the connection: the client sees ECONNRESET and the handler never runs', async () => {
    const { port, handler } = await serve([{ path: '/orders', status: 'reset' }]);
    expect(await send(port, { path: '/orders?id=1' })).toMatchObject({ error: 'ECONNRESET' });
    expect(handler).not.toHaveBeenCalled();
    expect(await send(port, { path: '/other' })).toMatchObject({ status: 200 });
  });

  it('delays a request on the system clock, then serves it (timing with tolerance)', async () => {
    const { port } = await serve([{ path: '/slow', delay: '120ms' }]);
    const slow = await send(port, { path: '/slow' });
    expect(slow).toMatchObject({ status: 200, body: 'served /slow' });
    // Timers never fire early; the upper bound only guards against a delay that never ends.
    expect(slow.ms).toBeGreaterThanOrEqual(115);
    expect(slow.ms).toBeLessThan(5000);
  });

  it('holds a delayed request until the injected clock reaches the delay, then aborts it', async () => {
    const clock = new VirtualClock();
    const { port, faults } = await serve([{ delay: '10s', status: 504 }], { clock });
    const injected = nextEvent(faults.faults.onInject);
    let answered = false;
    const response = send(port).then((seen) => ((answered = true), seen));
    await injected;
    await clock.tick(9_999);
    expect(answered).toBe(false);
    await clock.tick(1);
    expect(await response).toMatchObject({ status: 504 });
  });

  it('stops waiting when the client leaves during the delay: no timer left, handler never runs', async () => {
    const clock = new VirtualClock();
    const { port, faults, handler } = await serve([{ delay: '10s' }], { clock });
    const injected = nextEvent(faults.faults.onInject);
    const controller = new AbortController();
    const response = send(port, { signal: controller.signal });
    await injected;
    expect(clock.pendingTimers).toBe(1);
    controller.abort();
    expect(await response).toMatchObject({ error: 'ABORT_ERR' });
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(0));
    await clock.runAll();
    expect(handler).not.toHaveBeenCalled();
  });

  it('fails only the first N matching requests, then recovers', async () => {
    const { port } = await serve([{ path: '/orders', firstN: 2, status: 503 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const seen = await send(port, { path: '/orders' });
      statuses.push('status' in seen ? seen.status : 0);
    }
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it('injects into a seeded share of requests, reproducibly', async () => {
    const run = async () => {
      const { port } = await serve([{ percentage: 30, status: 503 }], { random: seededRandom(11) });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const seen = await send(port);
        statuses.push('status' in seen ? seen.status : 0);
      }
      return statuses;
    };
    const first = await run();
    const draws = seededRandom(11);
    expect(first).toEqual(first.map(() => (draws.next() * 100 < 30 ? 503 : 200)));
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  it('works as (req, res, next) middleware: next runs only for requests that go on', async () => {
    const faults = nodeHttpFaults([{ path: '/down', status: 503 }]);
    const next = vi.fn();
    const server = createServer((req, res) => {
      faults(req, res, () => {
        next();
        res.end('next');
      });
    });
    servers.push(server);
    const port = await listen(server);
    expect(await send(port, { path: '/down' })).toMatchObject({ status: 503 });
    expect(await send(port, { path: '/up' })).toMatchObject({ status: 200, body: 'next' });
    expect(next).toHaveBeenCalledOnce();
  });
});
