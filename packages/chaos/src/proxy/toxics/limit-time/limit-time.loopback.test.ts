import { afterEach, describe, expect, it } from 'vitest';
import { Fixtures, addToxic, createProxy, readBytes, readToEnd } from '../../test-support/loopback.js';

describe('limit_time over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('carries bytes until the time is up, then closes the connection', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'echo', await fixtures.echoServer());
    await addToxic(server, 'echo', { type: 'limit_time', attributes: { time: 250 } });
    const started = performance.now();
    const socket = await fixtures.connect(port);
    socket.write('quick');
    expect((await readBytes(socket, 5)).toString()).toBe('quick');
    await readToEnd(socket);
    expect(performance.now() - started).toBeGreaterThanOrEqual(225);
  });
});
