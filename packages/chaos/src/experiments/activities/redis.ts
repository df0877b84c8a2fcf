import { connect } from 'node:net';
import { elapsedMs, type ProviderArgs } from './context.js';
import type { ProbeOutput } from '../tolerance/tolerance.js';
import { encodeCommand, readReply, type RespValue } from './resp.js';

/**
 * Connects, sends the commands one after another (each waits for its reply), closes. Output
 * `value` is the time from connecting to the last reply in ms; `text` is the last reply. An error
 * reply fails the probe.
 */
export function runRedis({ provider, signal, clock }: ProviderArgs): Promise<ProbeOutput> {
  if (provider.type !== 'redis') throw new TypeError(`runRedis got a ${provider.type} provider`);
  const commands = provider.commands;
  const started = clock.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ host: provider.host, port: provider.port, signal });
    const replies: RespValue[] = [];
    let buffer = Buffer.alloc(0);
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.once('connect', () => socket.write(encodeCommand(commands[0]!)));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        let reply;
        try {
          reply = readReply(buffer);
        } catch (error) {
          return fail(error as Error);
        }
        if (!reply) return;
        buffer = buffer.subarray(reply.end);
        const value = reply.value;
        if (value !== null && typeof value === 'object' && 'error' in value)
          return fail(new Error(`Redis answered ${commands[replies.length]!.join(' ')} with ${value.error}`));
        replies.push(value);
        if (replies.length === commands.length) {
          const durationMs = elapsedMs(clock, started);
          socket.end();
          const last = replies[replies.length - 1];
          return resolve({
            value: durationMs,
            text: typeof last === 'string' ? last : JSON.stringify(last),
            replies,
            durationMs,
          });
        }
        socket.write(encodeCommand(commands[replies.length]!));
      }
    });
    socket.once('error', fail);
    socket.once('close', () => {
      if (replies.length < commands.length)
        reject(
          new Error(`Redis closed the connection after ${replies.length} of ${commands.length} replies`),
        );
    });
  });
}
