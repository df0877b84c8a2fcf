import { afterEach, describe, expect, it } from 'vitest';
import { Fixtures, addToxic, createProxy, readToEnd } from '../../test-support/loopback.js';

describe('slow_close over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('delivers the data at once and the close after the delay', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'p', await fixtures.server((socket) => socket.end('goodbye')));
    await addToxic(server, 'p', { type: 'slow_close', attributes: { delay: 300 } });
    const socket = await fixtures.connect(port);
    const started = performance.now();
    let firstData = Infinity;
    socket.once('data', () => (firstData = performance.now() - started));
    const { data } = await readToEnd(socket);
    expect(data.toString()).toBe('goodbye');
    expect(firstData).toBeLessThan(150);
    expect(performance.now() - started).toBeGreaterThanOrEqual(270);
  });
});
