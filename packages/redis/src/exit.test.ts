import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { uniquePrefix } from './test-support/redis.js';

describe('dispose', () => {
  it('leaves nothing open: a process that disposes its store and quits its client exits on its own', async () => {
    const script = fileURLToPath(new URL('./test-support/exits-after-dispose.ts', import.meta.url));
    // The timeout is a bound on a hang, not a measurement: the child takes well under a second.
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--conditions=@faultline/source', '--import', 'tsx', script, uniquePrefix()],
        { timeout: 15_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    expect(output.trim()).toBe('disposed with the breaker open');
  });
});
