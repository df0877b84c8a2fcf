import { describe, expect, it } from 'vitest';
import { shopDocument } from '../test-support/designs.js';
import { testServer } from '../test-support/harness.js';
import { waitForRun } from '../test-support/wait.js';

const BACKENDS =
  process.env['FAULTLINE_SKIP_POSTGRES'] === '1' ? (['sqlite'] as const) : (['sqlite', 'postgres'] as const);

describe.each(BACKENDS)('the store behind the API [%s]', (backend) => {
  it('50 parallel updates with the same expected version: exactly one succeeds, 49 conflict', async () => {
    const { app, store } = await testServer({ backend });
    const { id } = (
      await app.inject({ method: 'POST', url: '/api/v1/designs', payload: { document: shopDocument() } })
    ).json();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, writer) =>
        app.inject({
          method: 'PUT',
          url: `/api/v1/designs/${id}`,
          headers: { 'x-faultline-actor': `writer-${writer}` },
          payload: { document: { ...shopDocument(), seed: writer }, expectedVersion: 1 },
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const response of responses.filter((r) => r.statusCode === 409))
      expect(response.json().error).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const winner = responses.find((response) => response.statusCode === 200)!.json();
    const latest = (await app.inject({ method: 'GET', url: `/api/v1/designs/${id}` })).json();
    expect(latest).toMatchObject({
      version: 2,
      savedBy: winner.savedBy,
      document: { seed: winner.document.seed },
    });
    expect((await store.designs.versions(id)).total).toBe(2);
    expect(await store.audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('30 parallel fault additions without a version: none is lost', async () => {
    const { app } = await testServer({ backend });
    const { id } = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/designs',
        payload: { document: { ...shopDocument(), faults: [] } },
      })
    ).json();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/designs/${id}/faults`,
          payload: { type: 'latency', target: 'orders', at: `${i}s`, duration: '1s', delay: '10ms' },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(30).fill(201));
    const { faults, version } = (
      await app.inject({ method: 'GET', url: `/api/v1/designs/${id}/faults` })
    ).json();
    expect(version).toBe(31);
    expect(
      faults.map((fault: { at: string }) => Number.parseInt(fault.at)).sort((a: number, b: number) => a - b),
    ).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('runs a design and keeps its result', async () => {
    const { app } = await testServer({ backend });
    const { id } = (
      await app.inject({ method: 'POST', url: '/api/v1/designs', payload: { document: shopDocument() } })
    ).json();
    const run = (await app.inject({ method: 'POST', url: `/api/v1/designs/${id}/runs` })).json();
    const done = await waitForRun(app, run.id);
    expect(done).toMatchObject({ status: 'succeeded', result: { design: 'shop' } });
    expect((await app.inject({ method: 'GET', url: `/api/v1/runs/${run.id}/timeline` })).json()).toHaveLength(
      10,
    );
  }, 60_000);
});
