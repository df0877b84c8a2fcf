import { afterEach, describe, expect, it } from 'vitest';
import { Fixtures, addToxic, createProxy, pattern, readToEnd } from '../../test-support/loopback.js';

describe('slicer over loopback TCP', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  it('splits one write into many reads, every byte intact', async () => {
    const server = await fixtures.proxyServer({ seed: 3 });
    const data = pattern(2_000);
    const port = await createProxy(server, 'p', await fixtures.server((socket) => socket.end(data)));
    await addToxic(server, 'p', {
      type: 'slicer',
      attributes: { average_size: 200, size_variation: 50, delay: 5_000 },
    });
    const socket = await fixtures.connect(port);
    const { data: got, reads } = await readToEnd(socket);
    expect(got.equals(data)).toBe(true);
    expect(reads).toBeGreaterThanOrEqual(5);
  });
});
