import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shopDocument, MISSING_ID } from '../test-support/designs.js';
import { contentsOf, testServer } from '../test-support/harness.js';

const json = { 'content-type': 'application/json' };

describe('designs API', () => {
  it('creates, reads, updates with the expected version, lists and deletes', async () => {
    const { app } = await testServer();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/designs',
      payload: { document: shopDocument(), message: 'first' },
    });
    expect(created.statusCode).toBe(201);
    const design = created.json();
    expect(design).toMatchObject({
      name: 'shop',
      version: 1,
      message: 'first',
      savedBy: 'studio',
      warnings: [],
    });
    expect(created.headers['location']).toBe(`/api/v1/designs/${design.id}`);
    expect(design.document).toEqual(shopDocument());

    const read = await app.inject({ method: 'GET', url: `/api/v1/designs/${design.id}` });
    expect(read.json().document).toEqual(shopDocument());

    const updated = await app.inject({
      method: 'PUT',
      url: `/api/v1/designs/${design.id}`,
      headers: { 'x-faultline-actor': 'ann' },
      payload: { document: { ...shopDocument(), seed: 7 }, expectedVersion: 1 },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ version: 2, savedBy: 'ann' });

    const stale = await app.inject({
      method: 'PUT',
      url: `/api/v1/designs/${design.id}`,
      payload: { document: shopDocument(), expectedVersion: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    const first = await app.inject({ method: 'GET', url: `/api/v1/designs/${design.id}?version=1` });
    expect(first.json()).toMatchObject({ version: 1, latestVersion: 2 });
    const versions = await app.inject({ method: 'GET', url: `/api/v1/designs/${design.id}/versions` });
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const list = await app.inject({ method: 'GET', url: '/api/v1/designs?search=SHO&limit=10' });
    expect(list.json()).toMatchObject({ total: 1, nextCursor: null });
    expect(list.json().items[0]).toMatchObject({ id: design.id, version: 2 });
    expect(list.json().items[0].document).toBeUndefined();

    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/designs/${design.id}?expectedVersion=2`,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/designs/${design.id}` })).statusCode).toBe(404);
  });

  it('imports YAML (mistakes with their line) and exports it back', async () => {
    const { app, store } = await testServer();
    const yaml =
      'name: imported\nservices:\n  api: { instances: 2 }\nworkload:\n  - { target: api, rate: 10 }\n';
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/designs/import?message=from%20a%20file',
      headers: { 'content-type': 'application/yaml' },
      payload: yaml,
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ name: 'imported', message: 'from a file' });
    const exported = await app.inject({ method: 'GET', url: `/api/v1/designs/${imported.json().id}/export` });
    expect(exported.headers['content-type']).toMatch(/^application\/yaml/);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="imported.yaml"');
    expect(parse(exported.body)).toEqual(parse(yaml));

    const before = await contentsOf(store);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/designs/import',
      headers: { 'content-type': 'text/yaml' },
      payload: 'name: bad\nservices:\n  api: { instances: -1 }\n',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'invalid_design', path: 'services.api.instances' });
    expect(bad.json().error.issues[0]).toMatchObject({ line: 3 });
    const syntax = await app.inject({
      method: 'POST',
      url: '/api/v1/designs/import',
      headers: { 'content-type': 'application/yaml' },
      payload: 'name: [unclosed\n',
    });
    expect(syntax.statusCode).toBe(422);
    expect(syntax.json().error.message).toMatch(/YAML syntax error/);
    expect(await contentsOf(store)).toEqual(before);
  });

  it('refuses bad input with 4xx naming the path, and changes nothing', async () => {
    const { app, store } = await testServer({ limits: { bodyBytes: 4096, services: 3 } });
    const { id } = (
      await app.inject({ method: 'POST', url: '/api/v1/designs', payload: { document: shopDocument() } })
    ).json();
    const before = await contentsOf(store);
    const cases: {
      request: InjectOptions & { method: string; url: string };
      status: number;
      code: string;
      path?: string;
    }[] = [
      {
        request: { method: 'POST', url: '/api/v1/designs', headers: json, payload: '{"document": ' },
        status: 400,
        code: 'invalid_json',
      },
      {
        request: {
          method: 'POST',
          url: '/api/v1/designs',
          payload: { document: shopDocument(), colour: 'red' },
        },
        status: 400,
        code: 'invalid_request',
        path: 'colour',
      },
      {
        request: { method: 'POST', url: '/api/v1/designs', payload: { document: 'shop' } },
        status: 400,
        code: 'invalid_request',
        path: 'document',
      },
      {
        request: { method: 'POST', url: '/api/v1/designs', payload: {} },
        status: 400,
        code: 'invalid_request',
        path: 'document',
      },
      {
        request: {
          method: 'PUT',
          url: `/api/v1/designs/${id}`,
          payload: { document: shopDocument(), expectedVersion: '1' },
        },
        status: 400,
        code: 'invalid_request',
        path: 'expectedVersion',
      },
      {
        request: {
          method: 'POST',
          url: '/api/v1/designs',
          payload: { document: { ...shopDocument(), faults: [{ type: 'crash', target: 'nowhere' }] } },
        },
        status: 422,
        code: 'invalid_design',
        path: 'faults[0].target',
      },
      {
        request: {
          method: 'POST',
          url: '/api/v1/designs',
          payload: {
            document: {
              ...shopDocument(),
              services: { ...(shopDocument().services as object), orderz: { instances: 'two' } },
            },
          },
        },
        status: 422,
        code: 'invalid_design',
        path: 'services.orderz.instances',
      },
      {
        request: {
          method: 'POST',
          url: '/api/v1/designs',
          payload: { document: { name: 'big', services: { a: {}, b: {}, c: {}, d: {} } } },
        },
        status: 422,
        code: 'limit_exceeded',
        path: 'services',
      },
      {
        request: {
          method: 'POST',
          url: '/api/v1/designs',
          payload: { document: { ...shopDocument(), blob: 'x'.repeat(5000) } },
        },
        status: 413,
        code: 'body_too_large',
      },
      {
        request: { method: 'GET', url: '/api/v1/designs/not-an-id' },
        status: 400,
        code: 'invalid_request',
        path: 'params.id',
      },
      { request: { method: 'GET', url: `/api/v1/designs/${MISSING_ID}` }, status: 404, code: 'not_found' },
      {
        request: { method: 'GET', url: '/api/v1/designs?limit=0' },
        status: 400,
        code: 'invalid_request',
        path: 'query.limit',
      },
      {
        request: { method: 'GET', url: '/api/v1/designs?colour=red' },
        status: 400,
        code: 'invalid_request',
        path: 'query.colour',
      },
      {
        request: { method: 'DELETE', url: `/api/v1/designs/${id}?expectedVersion=9` },
        status: 409,
        code: 'version_conflict',
      },
      {
        request: {
          method: 'POST',
          url: '/api/v1/designs',
          headers: { 'content-type': 'text/plain' },
          payload: 'hello',
        },
        status: 415,
        code: 'unsupported_media_type',
      },
      { request: { method: 'GET', url: '/api/v1/nothing-here' }, status: 404, code: 'not_found' },
    ];
    for (const { request, status, code, path } of cases) {
      const response = await app.inject(request);
      const label = `${request.method} ${request.url}`;
      expect(response.statusCode, label).toBe(status);
      const { error } = response.json();
      expect(error.code, label).toBe(code);
      expect(typeof error.message, label).toBe('string');
      if (path !== undefined) expect(error.path, label).toBe(path);
      expect(response.body, label).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    const tooBig = await app.inject({
      method: 'POST',
      url: '/api/v1/designs',
      payload: { document: { ...shopDocument(), blob: 'x'.repeat(5000) } },
    });
    expect(tooBig.json().error).toMatchObject({ limit: 'bodyBytes' });
    expect(tooBig.json().error.message).toMatch(/bodyBytes \(4096 bytes\)/);
    expect(await contentsOf(store)).toEqual(before);
  });

  it('refuses a design over the server limits, naming the limit', async () => {
    const { app } = await testServer({ limits: { durationMs: 5000 } });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/designs',
      payload: { document: shopDocument() },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'limit_exceeded',
      limit: 'durationMs',
      path: 'duration',
    });
  });
});
