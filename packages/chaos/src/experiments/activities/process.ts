import { execFile } from 'node:child_process';
import { elapsedMs, type ProviderArgs } from './context.js';
import type { ProbeOutput } from '../tolerance/tolerance.js';

/** Most output kept from a process, per stream. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Runs a program (no shell) until it exits; output `value` is its exit code, `text` its stdout.
 * A non-zero exit is an output, not a failure: a tolerance decides. Aborting kills it (SIGTERM).
 */
export function runProcess({ provider, signal, clock }: ProviderArgs): Promise<ProbeOutput> {
  if (provider.type !== 'process') throw new TypeError(`runProcess got a ${provider.type} provider`);
  const started = clock.now();
  return new Promise((resolve, reject) => {
    execFile(
      provider.path,
      provider.arguments,
      { signal, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = (error as (Error & { code?: unknown }) | null)?.code;
        if (error && typeof code !== 'number') return reject(error);
        const exitCode = typeof code === 'number' ? code : 0;
        resolve({
          value: exitCode,
          text: stdout,
          exitCode,
          stdout,
          stderr,
          durationMs: elapsedMs(clock, started),
        });
      },
    );
  });
}
