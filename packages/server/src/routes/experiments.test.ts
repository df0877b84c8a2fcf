import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxyServer, type ProxyServer } from '@faultline/chaos';
import { testServer } from '../test-support/harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
}

/** A fault proxy with one toxic an experiment injected and one somebody else added. */
async function proxyWithToxics(): Promise<ProxyServer> {
  const proxy = await startProxyServer({ port: 0 });
  cleanups.push(() => proxy.close());
  await post(`${proxy.url}/proxies`, { name: 'db', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
  for (const name of ['faultline-exp.r1.slow', 'by-hand'])
    await post(`${proxy.url}/proxies/db/toxics`, { name, type: 'latency', attributes: { latency: 100 } });
  return proxy;
}

function haltFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-halt-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'nested', 'HALT');
}

async function toxicNames(proxy: ProxyServer): Promise<string[]> {
  const toxics = (await (await fetch(`${proxy.url}/proxies/db/toxics`)).json()) as { name: string }[];
  return toxics.map((toxic) => toxic.name).sort();
}

describe('experiments halt API', () => {
  it('halts (halt file on, injected toxics removed, others kept), reports it, and releases', async () => {
    const proxy = await proxyWithToxics();
    const file = haltFile();
    const { app } = await testServer({ experiments: { haltFile: file, proxyApis: [proxy.url] } });

    const before = await app.inject({ method: 'GET', url: '/api/v1/experiments/halt' });
    expect(before.json()).toEqual({ halted: false, haltFile: file });

    const halted = await app.inject({ method: 'POST', url: '/api/v1/experiments/halt' });
    expect(halted.statusCode, halted.body).toBe(200);
    expect(halted.json()).toEqual({
      halted: true,
      haltFile: file,
      removed: [`${proxy.url} db/faultline-exp.r1.slow`],
      errors: [],
    });
    expect(existsSync(file)).toBe(true);
    expect(await toxicNames(proxy)).toEqual(['by-hand']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/experiments/halt' })).json().halted).toBe(true);

    const released = await app.inject({ method: 'POST', url: '/api/v1/experiments/release' });
    expect(released.json()).toEqual({ halted: false, haltFile: file, wasHalted: true });
    expect(existsSync(file)).toBe(false);
    const again = await app.inject({ method: 'POST', url: '/api/v1/experiments/release' });
    expect(again.json().wasHalted).toBe(false);
  });

  it('cleans the proxy APIs a request names, and reports one it cannot reach while still halting', async () => {
    const proxy = await proxyWithToxics();
    const file = haltFile();
    const { app } = await testServer({ experiments: { haltFile: file, proxyApis: [] } });
    const halted = await app.inject({
      method: 'POST',
      url: '/api/v1/experiments/halt',
      payload: { proxyApis: [proxy.url, 'http://127.0.0.1:9'], reason: 'pager' },
    });
    expect(halted.statusCode, halted.body).toBe(200);
    expect(halted.json().removed).toEqual([`${proxy.url} db/faultline-exp.r1.slow`]);
    expect(halted.json().errors).toHaveLength(1);
    expect(halted.json().errors[0]).toMatch(/^http:\/\/127\.0\.0\.1:9: /);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a halt file or a non-http URL from the request, and halts nothing', async () => {
    const file = haltFile();
    const { app } = await testServer({ experiments: { haltFile: file, proxyApis: [] } });
    const withFile = await app.inject({
      method: 'POST',
      url: '/api/v1/experiments/halt',
      payload: { haltFile: '/tmp/elsewhere' },
    });
    expect(withFile.statusCode).toBe(400);
    expect(withFile.json().error).toMatchObject({ code: 'invalid_request', path: 'haltFile' });
    const badUrl = await app.inject({
      method: 'POST',
      url: '/api/v1/experiments/halt',
      payload: { proxyApis: ['file:///etc/passwd'] },
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error).toMatchObject({ code: 'invalid_request', path: 'proxyApis[0]' });
    expect(existsSync(file)).toBe(false);
  });
});
