import { afterEach, describe, expect, it } from 'vitest';
import { Fixtures, addToxic, createProxy, readToEnd } from '../../test-support/loopback.js';

describe('reset_peer over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('resets the connection: the client gets ECONNRESET', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'echo', await fixtures.echoServer());
    await addToxic(server, 'echo', { type: 'reset_peer', attributes: { timeout: 50 } });
    const socket = await fixtures.connect(port);
    const outcome = readToEnd(socket);
    socket.write('hello');
    const { data, error } = await outcome;
    expect(data.length).toBe(0);
    expect(error?.code).toBe('ECONNRESET');
  });
});
