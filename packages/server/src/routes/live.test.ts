import { describe, expect, it } from 'vitest';
import { MISSING_ID, shopDocument } from '../test-support/designs.js';
import { contentsOf, testServer } from '../test-support/harness.js';
import { eventually, listen, openStream } from '../test-support/wait.js';

type App = Awaited<ReturnType<typeof testServer>>['app'];

async function startSession(app: App, body: Record<string, unknown> = { speed: 100, intervalMs: 100 }) {
  const design = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/designs',
      payload: { document: { ...shopDocument(), workload: [{ target: 'gateway', rate: 100 }] } },
    })
  ).json();
  const started = await app.inject({
    method: 'POST',
    url: `/api/v1/designs/${design.id}/live`,
    payload: body,
  });
  expect(started.statusCode, started.body).toBe(201);
  return { design, session: started.json() as { id: string } };
}

async function simulatedMs(app: App, id: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: `/api/v1/live/${id}` })).json().now.t as number;
}

describe('live sessions API', () => {
  it('paces a design, injects and heals a fault, and reports detection, breaker and recovery', async () => {
    const { app } = await testServer();
    const { session } = await startSession(app);
    expect(session).toMatchObject({ status: 'running', config: { speed: 100, intervalMs: 100 } });
    await eventually(async () => (await simulatedMs(app, session.id)) >= 3000);

    const injected = await app.inject({
      method: 'POST',
      url: `/api/v1/live/${session.id}/faults`,
      payload: { type: 'error', target: 'orders', intensity: 1 },
    });
    expect(injected.statusCode, injected.body).toBe(201);
    const fault = injected.json();
    expect(fault).toMatchObject({ type: 'error', targets: ['orders'], healedAt: null, fault: { rate: 1 } });
    const view = await eventually(async () => {
      const now = (await app.inject({ method: 'GET', url: `/api/v1/live/${session.id}` })).json().now;
      return now.edges['gateway->orders'].breakerState === 'open' ? now : undefined;
    });
    expect(view.faults).toHaveLength(1);

    const healed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/live/${session.id}/faults/${fault.id}`,
    });
    expect(healed.json().healedAt).toBeGreaterThanOrEqual(fault.injectedAt);
    const report = await eventually(async () => {
      const body = (await app.inject({ method: 'GET', url: `/api/v1/live/${session.id}/report` })).json();
      return body.faults[0].recoveredAfterMs !== null ? body : undefined;
    });
    expect(report.faults[0]).toMatchObject({ id: fault.id, breakerEdge: 'gateway->orders' });
    expect(report.faults[0].detectedAfterMs).toBeGreaterThanOrEqual(0);
    expect(report.faults[0].breakerOpenAfterMs).toBeGreaterThanOrEqual(0);
    expect(report.score).toMatchObject({ value: expect.any(Number) });

    const listed = await app.inject({ method: 'GET', url: '/api/v1/live?status=running' });
    expect(listed.json()).toMatchObject({ total: 1, items: [{ id: session.id }] });
    const stopped = await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/stop` });
    expect(stopped.json()).toMatchObject({ status: 'stopped', hasReport: true, now: null });
    const saved = (await app.inject({ method: 'GET', url: `/api/v1/live/${session.id}/report` })).json();
    expect(saved.faults[0].id).toBe(fault.id);
    expect(saved.score).toMatchObject({ value: expect.any(Number) });
    const after = await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/pause` });
    expect(after.statusCode).toBe(409);
  }, 60_000);

  it('pauses, resumes, changes speed and halts every fault', async () => {
    const { app } = await testServer();
    const { session } = await startSession(app);
    const paused = await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/pause` });
    expect(paused.json()).toMatchObject({ status: 'paused' });
    // A frame already on its way when the pause landed may still move the clock once.
    let previous = -1;
    const at = await eventually(async () => {
      const t = await simulatedMs(app, session.id);
      await new Promise((resolve) => setTimeout(resolve, 250));
      const settled = t === previous ? t : undefined;
      previous = t;
      return settled;
    });
    expect((await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/pause` })).statusCode).toBe(
      409,
    );
    // Paused, simulated time stands still however many frames go by.
    const frames: number[] = [];
    await eventually(async () => {
      frames.push(await simulatedMs(app, session.id));
      return frames.length >= 5 ? true : undefined;
    });
    expect(new Set(frames)).toEqual(new Set([at]));
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/resume` })).json().status,
    ).toBe('running');
    await eventually(async () => (await simulatedMs(app, session.id)) > at);

    const speed = await app.inject({
      method: 'POST',
      url: `/api/v1/live/${session.id}/speed`,
      payload: { speed: 20 },
    });
    expect(speed.json().now.speed).toBe(20);
    for (const payload of [
      { type: 'crash', target: 'orders', instances: 1 },
      { type: 'latency', target: 'orders', intensity: 0.5, duration: '1h' },
      { type: 'partition', between: [['gateway'], ['orders']] },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/live/${session.id}/faults`,
        payload,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const halted = await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/halt` });
    expect(halted.json().healed).toHaveLength(3);
    expect(halted.json().healed[1].fault).toMatchObject({ delay: '1000ms' });
    expect(halted.json().healed[2].sides).toEqual([['gateway'], ['orders']]);
    await eventually(async () => {
      const now = (await app.inject({ method: 'GET', url: `/api/v1/live/${session.id}` })).json().now;
      return now.faults.length === 0 ? true : undefined;
    });
    await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/stop` });
  }, 60_000);

  it('refuses bad faults and requests, naming the field, and the session limit', async () => {
    const { app, store } = await testServer({ limits: { liveSessions: 1 } });
    const { design, session } = await startSession(app);
    const before = await contentsOf(store);
    const cases = [
      { payload: { type: 'crash', target: 'nowhere' }, status: 422, path: 'target' },
      { payload: { type: 'error', target: 'orders', rate: 2 }, status: 422, path: 'rate' },
      { payload: { type: 'error', target: 'orders' }, status: 422, path: 'rate' },
      { payload: { type: 'crash', target: 'orders', at: '1s' }, status: 422, path: 'at' },
      { payload: { type: 'meteor', target: 'orders' }, status: 400, path: 'type' },
      { payload: { type: 'error', target: 'orders', intensity: 3 }, status: 400, path: 'intensity' },
    ];
    for (const { payload, status, path } of cases) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/live/${session.id}/faults`,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.path, JSON.stringify(payload)).toBe(path);
    }
    const badHeal = await app.inject({
      method: 'DELETE',
      url: `/api/v1/live/${session.id}/faults/${MISSING_ID}`,
    });
    expect(badHeal.statusCode).toBe(404);
    const fast = await app.inject({
      method: 'POST',
      url: `/api/v1/live/${session.id}/speed`,
      payload: { speed: 1000 },
    });
    expect(fast.json().error.path).toBe('speed');
    const second = await app.inject({
      method: 'POST',
      url: `/api/v1/designs/${design.id}/live`,
      payload: {},
    });
    expect(second.statusCode).toBe(429);
    expect(second.json().error).toMatchObject({ code: 'too_many_live_sessions', limit: 'liveSessions' });
    const badStart = await app.inject({
      method: 'POST',
      url: `/api/v1/designs/${design.id}/live`,
      payload: { speed: 0 },
    });
    expect(badStart.json().error.path).toBe('speed');
    expect((await app.inject({ method: 'GET', url: `/api/v1/live/${MISSING_ID}` })).statusCode).toBe(404);
    expect(await contentsOf(store)).toEqual(before);
    await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/stop` });
  }, 60_000);

  it('streams snapshots, fault events and the end over a WebSocket', async () => {
    const { app } = await testServer();
    const base = await listen(app);
    const { session } = await startSession(app);
    const stream = await openStream(`${base.replace('http', 'ws')}/api/v1/live/${session.id}/stream`);
    await eventually(() =>
      stream.messages.filter((m) => m['type'] === 'snapshot').length >= 3 ? true : undefined,
    );
    const fault = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/live/${session.id}/faults`,
        payload: { type: 'crash', target: 'orders' },
      })
    ).json();
    await eventually(() => (stream.messages.some((m) => m['type'] === 'fault') ? true : undefined));
    await app.inject({ method: 'POST', url: `/api/v1/live/${session.id}/stop` });
    expect((await stream.closed).code).toBe(1000);

    expect(stream.messages[0]).toMatchObject({
      type: 'status',
      session: { id: session.id, status: 'running' },
    });
    const snapshot = stream.messages.find((m) => m['type'] === 'snapshot')!;
    expect(Object.keys(snapshot['services'] as object)).toEqual(['gateway', 'orders']);
    expect(snapshot['edges']).toHaveProperty(['gateway->orders', 'breakerState']);
    const times = stream.messages.filter((m) => m['type'] === 'snapshot').map((m) => m['t'] as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(stream.messages.find((m) => m['type'] === 'fault')).toMatchObject({
      event: 'injected',
      fault: { id: fault.id },
    });
    expect(stream.messages[stream.messages.length - 1]).toMatchObject({
      type: 'status',
      session: { status: 'stopped' },
    });
  }, 60_000);
});
