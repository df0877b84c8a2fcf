import { describe, expect, it } from 'vitest';
import { MISSING_ID, shopDocument } from '../test-support/designs.js';
import { contentsOf, testServer } from '../test-support/harness.js';
import { eventually, listen, openStream, waitForRun } from '../test-support/wait.js';

/** A design that takes a while: a long run at a high rate. */
function slowDocument(): Record<string, unknown> {
  return { ...shopDocument('slow'), duration: '1h', workload: [{ target: 'gateway', rate: 2000 }] };
}

async function createDesign(app: Awaited<ReturnType<typeof testServer>>['app'], document = shopDocument()) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/designs', payload: { document } });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; version: number };
}

describe('runs API', () => {
  it('runs a design in a worker: 202, then status, progress and the analysed result', async () => {
    const { app } = await testServer();
    const design = await createDesign(app);
    const started = await app.inject({
      method: 'POST',
      url: `/api/v1/designs/${design.id}/runs`,
      payload: { seed: 7 },
    });
    expect(started.statusCode).toBe(202);
    const run = started.json();
    expect(run).toMatchObject({
      status: 'queued',
      designId: design.id,
      designVersion: 1,
      params: { seed: 7, compare: false },
    });
    expect(started.headers['location']).toBe(`/api/v1/runs/${run.id}`);

    const done = await waitForRun(app, run.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, hasResult: true, error: null });
    const result = done['result'] as Record<string, unknown>;
    expect(result).toMatchObject({ design: 'shop', seed: 7, simulatedMs: 10_000 });
    expect(Object.keys(result['services'] as object)).toEqual(['gateway', 'orders']);
    expect(result['score']).toMatchObject({ value: expect.any(Number) });
    expect(result['timeline']).toBeUndefined();
    const timeline = await app.inject({ method: 'GET', url: `/api/v1/runs/${run.id}/timeline` });
    expect(timeline.json()).toHaveLength(10);

    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/runs?design=${design.id}&status=succeeded`,
    });
    expect(listed.json()).toMatchObject({ total: 1, items: [{ id: run.id }] });
    const again = await app.inject({ method: 'DELETE', url: `/api/v1/runs/${run.id}` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_state');
  }, 60_000);

  it('compares the design with its resilience removed', async () => {
    const { app } = await testServer();
    const design = await createDesign(app);
    const run = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/designs/${design.id}/runs`,
        payload: { compare: true, duration: '5s' },
      })
    ).json();
    const done = await waitForRun(app, run.id);
    expect(done['status']).toBe('succeeded');
    const comparison = (done['result'] as { comparison: { variants: { name: string }[] } }).comparison;
    expect(comparison.variants.map((variant) => variant.name)).toEqual([
      'baseline',
      'no resilience',
      'without retry',
      'without circuitBreaker',
      'without timeout',
    ]);
  }, 60_000);

  it('cancels a running run and a queued one, and frees the worker', async () => {
    const { app } = await testServer({ workers: 1 });
    const design = await createDesign(app, slowDocument());
    const first = (
      await app.inject({ method: 'POST', url: `/api/v1/designs/${design.id}/runs`, payload: {} })
    ).json();
    // No body at all: every field is optional.
    const second = (await app.inject({ method: 'POST', url: `/api/v1/designs/${design.id}/runs` })).json();
    await eventually(
      async () =>
        (await app.inject({ method: 'GET', url: `/api/v1/runs/${first.id}` })).json().status === 'running',
    );
    const queued = await app.inject({ method: 'DELETE', url: `/api/v1/runs/${second.id}` });
    expect(queued.json()).toMatchObject({ status: 'cancelled' });
    const running = await app.inject({ method: 'DELETE', url: `/api/v1/runs/${first.id}` });
    expect(running.json()).toMatchObject({ status: 'cancelled' });
    const quick = await createDesign(app, shopDocument('quick'));
    const third = (
      await app.inject({ method: 'POST', url: `/api/v1/designs/${quick.id}/runs`, payload: {} })
    ).json();
    expect((await waitForRun(app, third.id))['status']).toBe('succeeded');
  }, 60_000);

  it('marks its runs interrupted when the server shuts down', async () => {
    const { app, store } = await testServer({ workers: 1 });
    const design = await createDesign(app, slowDocument());
    const running = (await app.inject({ method: 'POST', url: `/api/v1/designs/${design.id}/runs` })).json();
    const queued = (await app.inject({ method: 'POST', url: `/api/v1/designs/${design.id}/runs` })).json();
    await eventually(async () => (await store.runs.get(running.id)).status === 'running');
    await app.close();
    for (const id of [running.id, queued.id])
      expect(await store.runs.get(id)).toMatchObject({
        status: 'interrupted',
        error: expect.stringMatching(/shut down/),
      });
    expect(await store.audit.verify()).toMatchObject({ ok: true });
  }, 60_000);

  it('refuses bad run requests, naming the path or the limit, and changes nothing', async () => {
    const { app, store } = await testServer({ limits: { runs: 1, durationMs: 60_000 } });
    const design = await createDesign(app, { ...shopDocument(), duration: '30s' });
    const before = await contentsOf(store);
    const url = `/api/v1/designs/${design.id}/runs`;
    const cases = [
      { payload: { seed: 'seven' }, status: 400, path: 'seed' },
      { payload: { seed: 1.5 }, status: 400, path: 'seed' },
      { payload: { compare: 'yes' }, status: 400, path: 'compare' },
      { payload: { sed: 1 }, status: 400, path: 'sed' },
      { payload: { duration: '2h' }, status: 422, path: 'duration', limit: 'durationMs' },
      { payload: { duration: 'soon' }, status: 422, path: 'duration' },
      { payload: { version: 2 }, status: 404 },
    ];
    for (const { payload, status, path, limit } of cases) {
      const response = await app.inject({ method: 'POST', url, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      if (path) expect(response.json().error.path).toBe(path);
      if (limit) expect(response.json().error.limit).toBe(limit);
    }
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/designs/${MISSING_ID}/runs`, payload: {} }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/runs/${MISSING_ID}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/runs?status=done' })).json().error.path).toBe(
      'query.status',
    );
    expect(await contentsOf(store)).toEqual(before);

    const first = await app.inject({ method: 'POST', url, payload: { duration: '30s' } });
    expect(first.statusCode).toBe(202);
    const over = await app.inject({ method: 'POST', url, payload: {} });
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'too_many_runs', limit: 'runs' });
    await app.inject({ method: 'DELETE', url: `/api/v1/runs/${first.json().id}` });
  }, 60_000);

  it('streams status, progress and timeline over a WebSocket, and closes when the run ends', async () => {
    const { app } = await testServer();
    const base = await listen(app);
    const design = await createDesign(app, {
      ...shopDocument(),
      duration: '20s',
      workload: [{ target: 'gateway', rate: 500 }],
    });
    const run = (
      await app.inject({ method: 'POST', url: `/api/v1/designs/${design.id}/runs`, payload: {} })
    ).json();
    const stream = await openStream(`${base.replace('http', 'ws')}/api/v1/runs/${run.id}/stream`);
    const closed = await stream.closed;
    expect(closed.code).toBe(1000);
    const types = stream.messages.map((message) => message['type']);
    expect(types[0]).toBe('status');
    const last = stream.messages[stream.messages.length - 1] as { type: string; run: { status: string } };
    expect(last).toMatchObject({ type: 'status', run: { status: 'succeeded' } });
    const progress = stream.messages.filter((message) => message['type'] === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const values = progress.map((message) => message['progress'] as number);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const buckets = stream.messages
      .filter((message) => message['type'] === 'timeline')
      .flatMap((message) => message['buckets'] as { t: number }[]);
    // The first status may already be past some progress; whatever came is in order and whole.
    expect(buckets.map((bucket) => bucket.t)).toEqual(buckets.map((_, i) => buckets[0]!.t + i * 1000));

    const ended = await openStream(`${base.replace('http', 'ws')}/api/v1/runs/${run.id}/stream`);
    expect((await ended.closed).code).toBe(1000);
    expect(ended.messages).toEqual([
      { type: 'status', run: expect.objectContaining({ status: 'succeeded' }) },
    ]);
    const missing = await openStream(`${base.replace('http', 'ws')}/api/v1/runs/${MISSING_ID}/stream`);
    expect((await missing.closed).code).toBe(4404);
  }, 60_000);
});
