import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, on } from '../test-support/fake-api.js';
import { request } from './client.js';
import { ApiError } from './errors.js';

afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('sends JSON and parses the answer', async () => {
    const received = fakeApi(on('POST', '/designs', (body) => ({ status: 201, body: { echoed: body } })));
    await expect(request('/designs', { method: 'POST', body: { a: 1 } })).resolves.toEqual({
      echoed: { a: 1 },
    });
    expect(received[0]).toMatchObject({ method: 'POST', path: '/designs', body: { a: 1 } });
  });

  it("rejects with the server's error body", async () => {
    fakeApi(
      on('PUT', '/designs/x', () => ({
        status: 409,
        body: {
          error: { code: 'version_conflict', message: 'Design x is at version 4, not 3', currentVersion: 4 },
        },
      })),
    );
    const error = await request('/designs/x', { method: 'PUT', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'version_conflict', currentVersion: 4 });
  });

  it('says the server did not answer when fetch fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(request('/designs')).rejects.toMatchObject({ code: 'network' });
  });

  it('reports a non-JSON error page with its status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' })),
    );
    await expect(request('/designs')).rejects.toMatchObject({ code: 'http_502' });
  });
});

describe('onUnauthorized', () => {
  it('hears a 401, so the app can ask for the token', async () => {
    const { onUnauthorized } = await import('./client.js');
    fakeApi(
      on('GET', '/designs', () => ({
        status: 401,
        body: { error: { code: 'unauthorized', message: 'Missing token' } },
      })),
    );
    const heard: string[] = [];
    const stop = onUnauthorized(({ error }) => heard.push(error.code));
    await request('/designs').catch(() => undefined);
    stop();
    await request('/designs').catch(() => undefined);
    expect(heard).toEqual(['unauthorized']);
  });
});
