import { afterEach, describe, expect, it } from 'vitest';
import {
  Fixtures,
  addToxic,
  createProxy,
  eventually,
  pattern,
  readToEnd,
} from '../../test-support/loopback.js';

describe('limit_data over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('closes the client after exactly N bytes from the server', async () => {
    const server = await fixtures.proxyServer();
    const data = pattern(100_000);
    const port = await createProxy(server, 'p', await fixtures.server((socket) => socket.end(data)));
    await addToxic(server, 'p', { type: 'limit_data', attributes: { bytes: 54_321 } });
    const socket = await fixtures.connect(port);
    const { data: got } = await readToEnd(socket);
    expect(got.length).toBe(54_321);
    expect(got.equals(data.subarray(0, 54_321))).toBe(true);
  });

  it('lets exactly N bytes from the client reach the server, then closes', async () => {
    const server = await fixtures.proxyServer();
    const sink = await fixtures.sinkServer();
    const port = await createProxy(server, 'p', sink.port);
    await addToxic(server, 'p', { type: 'limit_data', stream: 'upstream', attributes: { bytes: 1000 } });
    const socket = await fixtures.connect(port);
    socket.on('error', () => {});
    socket.write(pattern(700));
    socket.write(pattern(700, 700));
    await readToEnd(socket);
    await eventually(() => sink.received.length === 1 && Buffer.concat(sink.received[0]!).length === 1000);
    expect(Buffer.concat(sink.received[0]!).equals(pattern(1000))).toBe(true);
  });
});
