import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FAULT_TYPES, parseDesign } from '@faultline/sim';
import { FAULT_CATALOG } from '../fault-types/catalog.js';
import { logRequest } from '../http/log.js';
import { shopDocument } from '../test-support/designs.js';
import { testServer } from '../test-support/harness.js';
import { listen, openStream } from '../test-support/wait.js';

const TOKEN = 'a-secret-of-at-least-16-characters';

describe('health, metrics, docs and fault types', () => {
  it('answers liveness and readiness, the database included', async () => {
    const { app, store } = await testServer();
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toMatchObject({
      status: 'ok',
    });
    const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      database: { ok: true, backend: 'sqlite' },
      workers: { size: 1, busy: 0, queued: 0 },
    });
    await store.close();
    const down = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: { ok: false } });
  });

  it('exposes Prometheus metrics from a registry of its own', async () => {
    const { app } = await testServer();
    await app.inject({ method: 'GET', url: '/api/v1/designs' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(
      /faultline_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/designs",status="200"\} 1/,
    );
    for (const name of [
      'faultline_runs_total',
      'faultline_worker_pool_size 1',
      'faultline_runs_queued',
      'faultline_live_sessions',
    ])
      expect(metrics.body).toContain(name);
    const other = await testServer();
    const fresh = await other.app.inject({ method: 'GET', url: '/metrics' });
    expect(fresh.body).not.toMatch(/route="\/api\/v1\/designs"/);
  });

  it('serves the OpenAPI document with every route, and the docs page', async () => {
    const { app } = await testServer();
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.schemas)).toContain('ErrorResponse');
    for (const path of [
      '/api/v1/designs',
      '/api/v1/designs/{id}',
      '/api/v1/designs/import',
      '/api/v1/designs/{id}/export',
      '/api/v1/designs/{id}/versions',
      '/api/v1/designs/{id}/faults/{index}',
      '/api/v1/designs/{id}/services/{service}/resilience/{to}',
      '/api/v1/designs/{id}/runs',
      '/api/v1/runs/{id}',
      '/api/v1/designs/{id}/live',
      '/api/v1/live/{id}/faults/{faultId}',
      '/api/v1/live/{id}/report',
      '/api/v1/fault-types',
      '/api/v1/health/ready',
    ])
      expect(document.paths, path).toHaveProperty([path]);
    expect(
      document.paths['/api/v1/designs'].post.requestBody.content['application/json'].schema
        .additionalProperties,
    ).toBe(false);
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('href="/docs"');
  });

  it('lists every fault type of the design model, each example of it valid', async () => {
    const { app } = await testServer();
    const { items } = (await app.inject({ method: 'GET', url: '/api/v1/fault-types' })).json();
    expect(items.map((item: { type: string }) => item.type)).toEqual([...FAULT_TYPES]);
    const examples: Record<string, Record<string, unknown>> = {
      crash: { target: 'orders' },
      latency: { target: 'orders', delay: '100ms' },
      error: { target: 'orders', rate: 0.5 },
      exhaustion: { target: 'orders', resource: 'workers', fraction: 0.5 },
      partition: { between: [['gateway'], ['orders']] },
      'packet-loss': { from: 'gateway', to: 'orders', rate: 0.1 },
    };
    for (const info of FAULT_CATALOG) {
      const required = info.parameters.filter((p) => p.required).map((p) => p.name);
      expect(Object.keys(examples[info.type]!).sort(), info.type).toEqual(required.sort());
      const fault = { type: info.type, ...examples[info.type] };
      expect(() => parseDesign({ ...shopDocument(), faults: [fault] }), info.type).not.toThrow();
      // Every parameter the catalog lists is one the model knows.
      for (const parameter of info.parameters) {
        const value =
          parameter.default ??
          examples[info.type]![parameter.name] ??
          (parameter.kind === 'count' ? 1 : '1s');
        expect(
          () => parseDesign({ ...shopDocument(), faults: [{ ...fault, [parameter.name]: value }] }),
          `${info.type}.${parameter.name}`,
        ).not.toThrow();
      }
    }
  });
});

describe('web UI', () => {
  it('serves the built UI at /, its files, and its pages; the API keeps its own 404', async () => {
    const root = mkdtempSync(join(tmpdir(), 'faultline-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Faultline UI</title>');
    writeFileSync(join(root, 'app.js'), 'console.log(1);');
    const { app } = await testServer({ webRoot: root });
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('Faultline UI');
    expect((await app.inject({ method: 'GET', url: '/app.js' })).headers['content-type']).toMatch(
      /javascript/,
    );
    const page = await app.inject({ method: 'GET', url: '/designs/abc', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Faultline UI');
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });
});

describe('audit', () => {
  it('lists every change, newest first, and verifies the chain', async () => {
    const { app } = await testServer();
    const { id } = (
      await app.inject({ method: 'POST', url: '/api/v1/designs', payload: { document: shopDocument() } })
    ).json();
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/designs/${id}`,
      headers: { 'x-faultline-actor': 'bob' },
    });
    const list = (await app.inject({ method: 'GET', url: `/api/v1/audit?subject=${id}` })).json();
    expect(list.items.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toEqual(
      [
        ['design.delete', 'bob'],
        ['design.create', 'studio'],
      ],
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/audit/verify' })).json()).toMatchObject({
      ok: true,
      entries: 2,
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/audit?limit=0' })).json().error.path).toBe(
      'query.limit',
    );
  });
});

describe('access', () => {
  it('with a token, every API route needs the bearer token; the docs page does not', async () => {
    const { app } = await testServer({ token: TOKEN });
    const refused = await app.inject({ method: 'GET', url: '/api/v1/designs' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('unauthorized');
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/designs',
          headers: { authorization: 'Bearer wrong' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/designs',
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/docs/', headers: { host: 'studio.example:4400' } }))
        .statusCode,
    ).toBe(200);
  });

  it('without a token, answers only requests addressed to a loopback host', async () => {
    const { app } = await testServer();
    const rebound = await app.inject({
      method: 'GET',
      url: '/api/v1/designs',
      headers: { host: 'evil.example' },
    });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json().error.code).toBe('forbidden_host');
    for (const host of ['localhost:4400', '127.0.0.1:4400', '[::1]:4400'])
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/health', headers: { host } })).statusCode,
        host,
      ).toBe(200);
  });

  it('takes the token of a stream from its query, and refuses a stream from another origin', async () => {
    const { app } = await testServer({ token: TOKEN });
    const base = (await listen(app)).replace('http', 'ws');
    const design = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/designs',
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: { document: shopDocument() },
      })
    ).json();
    const run = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/designs/${design.id}/runs`,
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: {},
      })
    ).json();
    await expect(openStream(`${base}/api/v1/runs/${run.id}/stream`)).rejects.toThrow('HTTP 401');
    const stream = await openStream(`${base}/api/v1/runs/${run.id}/stream?access_token=${TOKEN}`);
    expect((await stream.closed).code).toBe(1000);
    await expect(
      openStream(`${base}/api/v1/runs/${run.id}/stream?access_token=${TOKEN}`, {
        origin: 'https://evil.example',
      }),
    ).rejects.toThrow('HTTP 403');
  }, 30_000);

  it('never logs a stream token', async () => {
    let logged = '';
    const sink = new Writable({
      write: (chunk, _encoding, done) => void ((logged += String(chunk)), done()),
    });
    const logger = pino({ serializers: { req: logRequest } }, sink);
    const { app } = await testServer({ token: TOKEN, logger });
    const base = (await listen(app)).replace('http', 'ws');
    const stream = await openStream(
      `${base}/api/v1/runs/00000000-0000-4000-8000-000000000000/stream?access_token=${TOKEN}`,
    );
    expect((await stream.closed).code).toBe(4404);
    expect(logged).toContain('access_token=[redacted]');
    expect(logged).not.toContain(TOKEN);
  });
});
