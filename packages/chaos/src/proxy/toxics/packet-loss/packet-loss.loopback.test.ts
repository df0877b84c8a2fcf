import { afterEach, describe, expect, it } from 'vitest';
import { Fixtures, addToxic, createProxy, eventually } from '../../test-support/loopback.js';

describe('packet_loss over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('drops whole chunks: with loss_rate 1 nothing arrives, and the connection stays open', async () => {
    const server = await fixtures.proxyServer();
    const sink = await fixtures.sinkServer();
    const port = await createProxy(server, 'p', sink.port);
    await addToxic(server, 'p', { type: 'packet_loss', stream: 'upstream', attributes: { loss_rate: 1 } });
    const socket = await fixtures.connect(port);
    socket.write('lost');
    await eventually(() => server.proxies.get('p').bytes.upstream.received === 4);
    expect(server.proxies.get('p').bytes.upstream.sent).toBe(0);
    expect(socket.destroyed).toBe(false);
  });
});
