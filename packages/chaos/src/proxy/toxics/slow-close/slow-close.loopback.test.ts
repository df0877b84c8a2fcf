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
    let dataAt = Infinity;
    socket.once('data', () => (dataAt = performance.now()));
    const { data } = await readToEnd(socket);
    // The data came at once; the end waited the delay after it.
    expect(data.toString()).toBe('goodbye');
    expect(performance.now() - dataAt).toBeGreaterThanOrEqual(270);
  });
});
