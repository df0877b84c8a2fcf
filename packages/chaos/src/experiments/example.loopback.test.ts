import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxyServer, type ProxyServer } from '../proxy/index.js';
import { loadExperimentFile, validateExperiment } from './format/load.js';
import { runExperiment } from './runner/runner.js';

/** The example users run, against the machine's Redis on 127.0.0.1:6379. */
const EXAMPLE = fileURLToPath(
  new URL('../../../../examples/experiments/redis-latency.yaml', import.meta.url),
);

/** A loopback port free a moment ago (the proxy listens on it next). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('examples/experiments/redis-latency.yaml against the real Redis', () => {
  let server: ProxyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('completes: the steady state holds before and after, the latency shows in between', async () => {
    server = await startProxyServer({ port: 0 });
    // A generous threshold: a loaded machine must not fail the hypothesis on its own.
    const experiment = await loadExperimentFile(EXAMPLE, {
      vars: { listen_port: await freePort(), threshold_ms: 1000 },
    });
    const journal = await runExperiment(experiment, { proxyApi: server.url });
    expect(journal.reason).toBeUndefined();
    expect(journal.status).toBe('completed');
    expect(journal.deviated).toBe(false);
    expect(journal.run.map((step) => step.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const underLatency = journal.run[1]!.output as { durationMs: number; replies: unknown[] };
    expect(underLatency.replies).toEqual(['PONG', 'OK', 'ok']);
    // Three replies, each delayed 100 ms by the toxic: a lower bound, safe on any machine.
    expect(underLatency.durationMs).toBeGreaterThanOrEqual(290);
    expect(journal.run[1]!.tolerance_met).toBe(true);
    expect(server.proxies.get('redis').toxics.list()).toEqual([]);
  }, 30_000);

  it('deviates when the latency is left in place and the threshold is below it', async () => {
    server = await startProxyServer({ port: 0 });
    const experiment = await loadExperimentFile(EXAMPLE, {
      vars: { listen_port: await freePort(), threshold_ms: 250 },
    });
    const leftIn = validateExperiment({
      ...experiment,
      'stop-conditions': undefined,
      method: experiment.method.slice(0, 1),
      'rollback-strategy': 'deviated',
    });
    const journal = await runExperiment(leftIn, { proxyApi: server.url });
    expect(journal.status).toBe('failed');
    expect(journal.deviated).toBe(true);
    expect(journal.steady_states.after?.probes[0]?.tolerance_reason).toMatch(
      /^value \d+(\.\d+)? is outside \[0, 250\]$/,
    );
    expect(journal.rollbacks).toHaveLength(1);
    expect(server.proxies.get('redis').toxics.list()).toEqual([]);
  }, 30_000);
});
