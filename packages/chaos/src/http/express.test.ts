import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@faultline/core';
import { expressFaults } from './express.js';
import { httpFaults } from './faults.js';
import { close, listen, nextEvent, send } from './test-support/loopback.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** Starts a real Express 5 app set up by `build` on loopback. */
async function start(build: (app: express.Express) => void): Promise<number> {
  const app = express();
  build(app);
  const server = createServer(app);
  servers.push(server);
  return listen(server);
}

describe('expressFaults over loopback (Express 5)', () => {
  it('aborts with a status and JSON body before the route runs; other routes answer', async () => {
    let routed = 0;
    const port = await start((app) => {
      app.use(expressFaults([{ path: '/orders/*', method: 'GET', abort: true }]));
      app.get('/orders/:id', (_req, res) => void (routed++, res.send('order')));
      app.get('/health', (_req, res) => void res.send('ok'));
    });
    expect(await send(port, { path: '/orders/1' })).toMatchObject({
      status: 503,
      body: '{"error":"injected fault"}',
    });
    expect(routed).toBe(0);
    expect(await send(port, { path: '/health' })).toMatchObject({ status: 200, body: 'ok' });
  });

  it('resets the connection with status "reset"', async () => {
    const port = await start((app) => {
      app.use(expressFaults([{ header: 'x-chaos', status: 'reset' }]));
      app.get('/', (_req, res) => void res.send('ok'));
    });
    expect(await send(port, { headers: { 'x-chaos': '1' } })).toMatchObject({ error: 'ECONNRESET' });
    expect(await send(port)).toMatchObject({ status: 200, body: 'ok' });
  });

  it('delays, then lets the route answer (timing with tolerance)', async () => {
    const port = await start((app) => {
      app.use(expressFaults([{ path: '/slow', delay: 100 }]));
      app.get('/slow', (_req, res) => void res.send('eventually'));
    });
    const seen = await send(port, { path: '/slow' });
    expect(seen).toMatchObject({ status: 200, body: 'eventually' });
    expect(seen.ms).toBeGreaterThanOrEqual(95);
    expect(seen.ms).toBeLessThan(5000);
  });

  it('matches paths relative to where it is mounted, and shares HttpFaults on a virtual clock', async () => {
    const clock = new VirtualClock();
    const faults = httpFaults([{ path: '/orders', delay: '1s', status: 502 }], { clock });
    const port = await start((app) => {
      app.use('/api', expressFaults(faults));
      app.get('/api/orders', (_req, res) => void res.send('orders'));
      app.get('/orders', (_req, res) => void res.send('unmounted'));
    });
    expect(await send(port, { path: '/orders' })).toMatchObject({ status: 200, body: 'unmounted' });
    const injected = nextEvent(faults.onInject);
    const response = send(port, { path: '/api/orders' });
    expect(await injected).toMatchObject({ path: '/orders', delay: 1000, status: 502 });
    await clock.tick(1000);
    expect(await response).toMatchObject({ status: 502 });
  });
});
