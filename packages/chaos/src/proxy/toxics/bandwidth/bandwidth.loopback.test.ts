import { afterEach, describe, expect, it } from 'vitest';
import { Fixtures, addToxic, createProxy, pattern, readToEnd } from '../../test-support/loopback.js';

describe('bandwidth over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('delivers at the rate, within ±10%, every byte intact', async () => {
    const server = await fixtures.proxyServer();
    const size = 600_000;
    const data = pattern(size);
    const port = await createProxy(server, 'bulk', await fixtures.server((socket) => socket.end(data)));
    // 500 KB/s: 600 000 bytes take 1.2 s.
    await addToxic(server, 'bulk', { type: 'bandwidth', attributes: { rate: 500 } });
    const started = performance.now();
    const socket = await fixtures.connect(port);
    const { data: got } = await readToEnd(socket, 10_000);
    const elapsed = performance.now() - started;
    expect(got.equals(data)).toBe(true);
    const rate = size / elapsed; // bytes per ms = KB/s
    expect(rate).toBeGreaterThanOrEqual(450);
    expect(rate).toBeLessThanOrEqual(550);
  });
});
