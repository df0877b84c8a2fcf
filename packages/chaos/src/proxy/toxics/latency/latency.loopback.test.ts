import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Fixtures, addToxic, createProxy, readBytes, removeToxic } from '../../test-support/loopback.js';

/** Median of the round trips of `rounds` small messages through an echo server. */
async function medianRoundTrip(socket: Socket, rounds = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    socket.write('ping');
    await readBytes(socket, 4);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

describe('latency over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('adds the latency of each stream to a round trip, within ±10%', async () => {
    const server = await fixtures.proxyServer();
    const port = await createProxy(server, 'echo', await fixtures.echoServer());
    await addToxic(server, 'echo', { type: 'latency', attributes: { latency: 150 } });
    const socket = await fixtures.connect(port);
    const down = await medianRoundTrip(socket);
    expect(down).toBeGreaterThanOrEqual(135);
    expect(down).toBeLessThanOrEqual(165);

    await addToxic(server, 'echo', { type: 'latency', stream: 'upstream', attributes: { latency: 100 } });
    const both = await medianRoundTrip(socket);
    expect(both).toBeGreaterThanOrEqual(225);
    expect(both).toBeLessThanOrEqual(275);

    await removeToxic(server, 'echo', 'latency_downstream');
    await removeToxic(server, 'echo', 'latency_upstream');
    expect(await medianRoundTrip(socket)).toBeLessThan(100);
  });
});
