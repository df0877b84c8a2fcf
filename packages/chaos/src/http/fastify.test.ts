import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@faultline/core';
import { fastifyFaults } from './fastify.js';
import { httpFaults } from './faults.js';
import { nextEvent, send } from './test-support/loopback.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) {
    app.server.closeAllConnections();
    await app.close();
  }
});

/** Starts a real Fastify 5 app set up by `build` on loopback. */
async function start(build: (app: FastifyInstance) => void): Promise<number> {
  const app = Fastify();
  apps.push(app);
  build(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

describe('fastifyFaults over loopback (Fastify 5)', () => {
  it('aborts with a status and JSON body from onRequest; the route never runs; others answer', async () => {
    let routed = 0;
    const port = await start((app) => {
      void app.register(fastifyFaults, { rules: [{ path: '/orders/*', abort: true }] });
      app.get('/orders/:id', async () => (routed++, 'order'));
      app.get('/health', async () => 'ok');
    });
    expect(await send(port, { path: '/orders/1?x=1' })).toMatchObject({
      status: 503,
      body: '{"error":"injected fault"}',
      contentType: 'application/json; charset=utf-8',
    });
    expect(routed).toBe(0);
    expect(await send(port, { path: '/health' })).toMatchObject({ status: 200, body: 'ok' });
  });

  it('applies to routes registered beside it, as a fastify-plugin plugin does', async () => {
    const port = await start((app) => {
      void app.register(fastifyFaults, { rules: [{ method: 'POST', status: 418, body: 'teapot' }] });
      void app.register(async (child) => {
        child.post('/brew', async () => 'coffee');
      });
    });
    expect(await send(port, { method: 'POST', path: '/brew' })).toMatchObject({
      status: 418,
      body: 'teapot',
    });
  });

  it('resets the connection with status "reset"', async () => {
    const port = await start((app) => {
      void app.register(fastifyFaults, { rules: [{ header: 'x-chaos=reset', status: 'reset' }] });
      app.get('/', async () => 'ok');
    });
    expect(await send(port, { headers: { 'x-chaos': 'reset' } })).toMatchObject({ error: 'ECONNRESET' });
    expect(await send(port)).toMatchObject({ status: 200, body: 'ok' });
  });

  it('delays, then lets the route answer (timing with tolerance)', async () => {
    const port = await start((app) => {
      void app.register(fastifyFaults, { rules: [{ path: '/slow', delay: '100ms' }] });
      app.get('/slow', async () => 'eventually');
    });
    const seen = await send(port, { path: '/slow' });
    expect(seen).toMatchObject({ status: 200, body: 'eventually' });
    expect(seen.ms).toBeGreaterThanOrEqual(95);
    expect(seen.ms).toBeLessThan(5000);
  });

  it('holds a request on a virtual clock when given shared HttpFaults', async () => {
    const clock = new VirtualClock();
    const faults = httpFaults([{ delay: '30s' }], { clock });
    const port = await start((app) => {
      void app.register(fastifyFaults, { rules: faults });
      app.get('/', async () => 'late');
    });
    const injected = nextEvent(faults.onInject);
    let answered = false;
    const response = send(port).then((seen) => ((answered = true), seen));
    await injected;
    await clock.tick(29_999);
    expect(answered).toBe(false);
    await clock.tick(1);
    expect(await response).toMatchObject({ status: 200, body: 'late' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses bad rules when the plugin loads, naming the rule', async () => {
    const app = Fastify();
    apps.push(app);
    void app.register(fastifyFaults, { rules: [{ path: '/a', status: 503, percentage: 101 }] });
    await expect(app.ready()).rejects.toThrow(
      'rules[0].percentage: expected a number from 0 to 100, got 101',
    );
  });
});
