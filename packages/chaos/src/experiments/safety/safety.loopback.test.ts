import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '@faultline/core';
import { startProxyServer, type ProxyServer } from '../../proxy/index.js';
import { validateExperiment } from '../format/load.js';
import { runExperiment } from '../runner/runner.js';
import { ToxicInjector, INJECTED_TOXIC_PREFIX } from '../toxics/injector.js';
import { haltExperiments, isHalted, releaseHalt } from './halt.js';
import { waitUntil } from '../test-support/wait-until.js';

const CHAOS_SOURCE = fileURLToPath(new URL('../../index.ts', import.meta.url));

/** An experiment that adds a latency toxic to proxy "db" and then waits a minute. */
function longExperiment(api: string) {
  return {
    title: 'holds a toxic',
    method: [
      {
        type: 'action',
        name: 'slow db',
        provider: {
          type: 'add-toxic',
          api,
          proxy: 'db',
          toxic: { name: 'slow', type: 'latency', attributes: { latency: 50 } },
        },
      },
      { type: 'action', name: 'hold', provider: { type: 'wait', duration: '60s' } },
    ],
  };
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
}

function toxicNames(server: ProxyServer): string[] {
  return server.proxies
    .get('db')
    .toxics.list()
    .map((toxic) => toxic.name);
}

describe('safety against a real proxy', () => {
  let server: ProxyServer | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
    await server?.close();
    server = undefined;
  });

  async function proxy(): Promise<ProxyServer> {
    server = await startProxyServer({ port: 0 });
    await post(`${server.url}/proxies`, { name: 'db', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
    return server;
  }

  it("dead man's switch: the toxics of a runner killed with SIGKILL go when its lease runs out", async () => {
    const api = (await proxy()).url;
    const dir = mkdtempSync(join(tmpdir(), 'faultline-lease-'));
    const script = join(dir, 'runner.mts');
    writeFileSync(
      script,
      `import { validateExperiment, runExperiment } from ${JSON.stringify(CHAOS_SOURCE)};\n` +
        `await runExperiment(validateExperiment(${JSON.stringify(longExperiment(api))}), { proxyApi: ${JSON.stringify(api)}, lease: 3000 });\n`,
    );
    child = spawn(process.execPath, ['--conditions=@faultline/source', '--import', 'tsx', script], {
      stdio: 'ignore',
    });
    await waitUntil(() => toxicNames(server!).length === 1, 20_000, 'the runner adds its toxic');
    expect(toxicNames(server!)[0]).toMatch(
      new RegExp(`^${INJECTED_TOXIC_PREFIX.replace('.', '\\.')}[\\w-]+\\.slow$`),
    );
    // Alive, the runner renews its lease: the toxic outlives several leases.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(toxicNames(server!)).toHaveLength(1);
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await waitUntil(() => toxicNames(server!).length === 0, 15_000, 'the proxy removes the orphaned toxic');
  }, 60_000);

  it('halt removes every injected toxic and leaves others alone; the runner, its lease lost, aborts', async () => {
    const api = (await proxy()).url;
    await post(`${api}/proxies/db/toxics`, { name: 'mine', type: 'latency', attributes: { latency: 1 } });
    const haltFile = join(mkdtempSync(join(tmpdir(), 'faultline-halt-')), 'HALT');
    const running = runExperiment(validateExperiment(longExperiment(api)), {
      proxyApi: api,
      // The runner must not see the halt file first (it would remove its toxic itself): it learns
      // of the halt when renewing its lease finds the toxic gone.
      isHalted: () => isHalted(haltFile),
      haltCheckEvery: 60_000,
      lease: 600,
    });
    await waitUntil(() => toxicNames(server!).length === 2, 10_000, 'the runner adds its toxic');
    const result = await haltExperiments({ haltFile, apis: [api] });
    expect(result.removed).toHaveLength(1);
    expect(result.errors).toEqual([]);
    expect(toxicNames(server!)).toEqual(['mine']);
    const journal = await running;
    expect(journal.status).toBe('aborted');
    expect(journal.reason).toMatch(
      /^lost the lease on an injected toxic: .*vanished \(halted, or removed by hand\)$/,
    );
    // While the stop is on, nothing starts; released, experiments run again.
    const refused = await runExperiment(validateExperiment(longExperiment(api)), {
      proxyApi: api,
      isHalted: () => isHalted(haltFile),
    });
    expect(refused.status).toBe('aborted');
    expect(refused.run).toEqual([]);
    expect(await releaseHalt(haltFile)).toBe(true);
    expect(isHalted(haltFile)).toBe(false);
  }, 20_000);

  it("renews a lease only up to the toxic's own duration, and removes what it added", async () => {
    const api = (await proxy()).url;
    const injector = new ToxicInjector({ clock: systemClock, runId: 'r1', api, lease: 60_000 });
    await injector.add({
      proxy: 'db',
      toxic: {
        name: 'short',
        type: 'latency',
        stream: 'downstream',
        toxicity: 1,
        attributes: {},
        duration: 200,
      },
    });
    expect(server!.proxies.get('db').toxics.get(`${INJECTED_TOXIC_PREFIX}r1.short`).duration).toBe(200);
    await injector.add({
      proxy: 'db',
      toxic: { name: 'long', type: 'latency', stream: 'downstream', toxicity: 1, attributes: {} },
    });
    expect(server!.proxies.get('db').toxics.get(`${INJECTED_TOXIC_PREFIX}r1.long`).duration).toBe(60_000);
    await expect(injector.remove({ proxy: 'db', name: 'other' })).rejects.toThrow(
      'no toxic other on db was added by this experiment',
    );
    const { removed } = await injector.removeAll();
    injector.dispose();
    expect(removed.sort()).toEqual(['db/long', 'db/short']);
    expect(toxicNames(server!)).toEqual([]);
  });
});
