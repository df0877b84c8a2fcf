import { describe, expect, it } from 'vitest';
import { shopDocument } from '../test-support/designs.js';
import { contentsOf, testServer } from '../test-support/harness.js';

async function withDesign() {
  const server = await testServer();
  const design = (
    await server.app.inject({ method: 'POST', url: '/api/v1/designs', payload: { document: shopDocument() } })
  ).json();
  return { ...server, id: design.id as string };
}

describe('faults API', () => {
  it('lists, adds, replaces and removes faults, each a new version', async () => {
    const { app, id } = await withDesign();
    const list = await app.inject({ method: 'GET', url: `/api/v1/designs/${id}/faults` });
    expect(list.json()).toEqual({ version: 1, faults: shopDocument()['faults'] });

    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/designs/${id}/faults?expectedVersion=1&message=slow%20orders`,
      payload: { type: 'latency', target: 'orders', at: '5s', duration: '2s', delay: '300ms' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ version: 2, index: 1, fault: { type: 'latency', delay: '300ms' } });
    const design = (await app.inject({ method: 'GET', url: `/api/v1/designs/${id}` })).json();
    expect(design).toMatchObject({ version: 2, message: 'slow orders' });

    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/v1/designs/${id}/faults/0`,
      payload: { type: 'error', target: 'orders', rate: 0.2 },
    });
    expect(replaced.json()).toMatchObject({ version: 3, index: 0, fault: { type: 'error', rate: 0.2 } });
    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/designs/${id}/faults/0` });
    expect(removed.json()).toMatchObject({ version: 4, faults: [{ type: 'latency' }] });
  });

  it('refuses a bad fault with the path of the problem, and saves nothing', async () => {
    const { app, store, id } = await withDesign();
    const before = await contentsOf(store);
    const cases = [
      {
        method: 'POST' as const,
        url: `/api/v1/designs/${id}/faults`,
        payload: { type: 'crash', target: 'nowhere' },
        status: 422,
        path: 'faults[1].target',
      },
      {
        method: 'POST' as const,
        url: `/api/v1/designs/${id}/faults`,
        payload: { type: 'error', target: 'orders', rate: 'high' },
        status: 422,
        path: 'faults[1].rate',
      },
      {
        method: 'POST' as const,
        url: `/api/v1/designs/${id}/faults`,
        payload: { type: 'crash', target: 'orders', colour: 'red' },
        status: 422,
        path: 'faults[1].colour',
      },
      {
        method: 'POST' as const,
        url: `/api/v1/designs/${id}/faults`,
        payload: { type: 'earthquake' },
        status: 400,
        path: 'type',
      },
      { method: 'POST' as const, url: `/api/v1/designs/${id}/faults`, payload: [], status: 400, path: '' },
      {
        method: 'POST' as const,
        url: `/api/v1/designs/${id}/faults?expectedVersion=3`,
        payload: { type: 'crash', target: 'orders' },
        status: 409,
      },
      {
        method: 'PUT' as const,
        url: `/api/v1/designs/${id}/faults/5`,
        payload: { type: 'crash', target: 'orders' },
        status: 404,
        path: 'faults[5]',
      },
      {
        method: 'DELETE' as const,
        url: `/api/v1/designs/${id}/faults/-1`,
        status: 400,
        path: 'params.index',
      },
    ];
    for (const { status, path, ...request } of cases) {
      const response = await app.inject(request);
      expect(response.statusCode, JSON.stringify(request)).toBe(status);
      if (path !== undefined) expect(response.json().error.path, JSON.stringify(request)).toBe(path);
    }
    expect(await contentsOf(store)).toEqual(before);
  });
});

describe('resilience API', () => {
  it('shows and sets the resilience of a call edge', async () => {
    const { app, id } = await withDesign();
    const shown = await app.inject({
      method: 'GET',
      url: `/api/v1/designs/${id}/services/gateway/resilience`,
    });
    expect(shown.json()).toMatchObject({
      version: 1,
      service: 'gateway',
      calls: [
        {
          to: 'orders',
          edge: 'gateway->orders',
          path: 'services.gateway.calls[0]',
          resilience: { timeout: '1s' },
        },
      ],
    });
    const set = await app.inject({
      method: 'PUT',
      url: `/api/v1/designs/${id}/services/gateway/resilience/orders?expectedVersion=1`,
      payload: { timeout: '300ms', bulkhead: { maxConcurrent: 10, maxQueue: 0 } },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().calls[0].resilience).toEqual({
      timeout: '300ms',
      bulkhead: { maxConcurrent: 10, maxQueue: 0 },
    });
    const document = (await app.inject({ method: 'GET', url: `/api/v1/designs/${id}` })).json().document;
    expect(document.services.gateway.calls[0]).toEqual({
      to: 'orders',
      timeout: '300ms',
      bulkhead: { maxConcurrent: 10, maxQueue: 0 },
    });
  });

  it('refuses bad policy config naming its path, and unknown services or edges', async () => {
    const { app, store, id } = await withDesign();
    const before = await contentsOf(store);
    const url = `/api/v1/designs/${id}/services/gateway/resilience/orders`;
    const cases = [
      { url, payload: { timeout: 'soon' }, status: 422, path: 'services.gateway.calls[0].timeout' },
      {
        url,
        payload: { retry: { maxAttempts: -1 } },
        status: 422,
        path: 'services.gateway.calls[0].retry.maxAttempts',
      },
      { url, payload: { retries: 3 }, status: 400, path: 'retries' },
      {
        url: `/api/v1/designs/${id}/services/nowhere/resilience/orders`,
        payload: {},
        status: 404,
        path: 'services.nowhere',
      },
      {
        url: `/api/v1/designs/${id}/services/orders/resilience/gateway`,
        payload: {},
        status: 404,
        path: 'services.orders.calls',
      },
    ];
    for (const { status, path, ...request } of cases) {
      const response = await app.inject({ method: 'PUT', ...request });
      expect(response.statusCode, JSON.stringify(request)).toBe(status);
      expect(response.json().error.path, JSON.stringify(request)).toBe(path);
    }
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/designs/${id}/services/nowhere/resilience` }))
        .statusCode,
    ).toBe(404);
    expect(await contentsOf(store)).toEqual(before);
  });
});
