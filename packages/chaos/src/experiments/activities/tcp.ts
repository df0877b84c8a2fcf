import { connect } from 'node:net';
import { elapsedMs, type ProviderArgs } from './context.js';
import type { ProbeOutput } from '../tolerance/tolerance.js';

/** Opens a TCP connection and closes it; output `value` is the time to connect in ms. */
export function runTcp({ provider, signal, clock }: ProviderArgs): Promise<ProbeOutput> {
  if (provider.type !== 'tcp') throw new TypeError(`runTcp got a ${provider.type} provider`);
  const started = clock.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ host: provider.host, port: provider.port, signal });
    socket.once('connect', () => {
      const durationMs = elapsedMs(clock, started);
      socket.destroy();
      resolve({ value: durationMs, text: '', connected: true, durationMs });
    });
    socket.once('error', reject);
  });
}
