import { afterEach, describe, expect, it } from 'vitest';
import {
  Fixtures,
  addToxic,
  createProxy,
  peerGone,
  readToEnd,
  removeToxic,
} from '../../test-support/loopback.js';

describe('timeout over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('with 0 black-holes the connection until removed, then closes it', async () => {
    const server = await fixtures.proxyServer();
    const sink = await fixtures.sinkServer();
    const port = await createProxy(server, 'p', sink.port);
    await addToxic(server, 'p', { type: 'timeout', stream: 'upstream', attributes: { timeout: 0 } });
    const socket = await fixtures.connect(port);
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    const gone = peerGone(socket);
    socket.write('into the void');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Buffer.concat(sink.received[0] ?? []).length).toBe(0);
    expect(socket.destroyed || socket.readableEnded).toBe(false);
    await removeToxic(server, 'p', 'timeout_upstream');
    await gone;
    expect(received).toBe(0);
  });

  it('closes the connection after the timeout', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'echo', await fixtures.echoServer());
    await addToxic(server, 'echo', { type: 'timeout', attributes: { timeout: 200 } });
    const started = performance.now();
    const socket = await fixtures.connect(port);
    socket.write('hello');
    const { data } = await readToEnd(socket);
    expect(data.length).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
  });
});
