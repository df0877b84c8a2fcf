import { afterEach, describe, expect, it } from 'vitest';
import { Fixtures, addToxic, createProxy, readBytes } from '../../test-support/loopback.js';

describe('slow_open over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('delays the first exchange of a new connection only', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'echo', await fixtures.echoServer());
    await addToxic(server, 'echo', { type: 'slow_open', stream: 'upstream', attributes: { delay: 200 } });
    const socket = await fixtures.connect(port);
    let started = performance.now();
    socket.write('first');
    await readBytes(socket, 5);
    const first = performance.now() - started;
    started = performance.now();
    socket.write('again');
    await readBytes(socket, 5);
    const second = performance.now() - started;
    expect(first).toBeGreaterThanOrEqual(180);
    expect(second).toBeLessThan(first - 150);
  });
});
