import { describe, expect, it } from 'vitest';
import { main, type Output } from '../program.js';

function capture(): Output & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out: (text: string) => void (output.stdout += text),
    err: (text: string) => void (output.stderr += text),
  };
  return output;
}

// The worker's runs are tested against Redis with the server (packages/server, runs/redis).
describe('faultline worker', () => {
  it('explains itself in --help', async () => {
    const output = capture();
    expect(await main(['node', 'faultline', 'worker', '--help'], output)).toBe(0);
    for (const flag of [
      '--queue <url>',
      '--db <path>',
      '--concurrency <n>',
      'FAULTLINE_DATABASE_URL',
      'stalled',
    ])
      expect(output.stdout).toContain(flag);
  });

  it('refuses to start without a Redis queue, or with a bad one, naming the flag', async () => {
    const saved = process.env['FAULTLINE_QUEUE_URL'];
    delete process.env['FAULTLINE_QUEUE_URL'];
    try {
      const missing = capture();
      expect(await main(['node', 'faultline', 'worker', '--concurrency', '0'], missing)).toBe(1);
      expect(missing.stderr).toContain('faultline worker: --queue: expected the Redis run queue');
      expect(missing.stderr).toContain(
        'faultline worker: --concurrency: expected a whole number from 1 to 256',
      );
      const wrong = capture();
      expect(await main(['node', 'faultline', 'worker', '--queue', 'http://127.0.0.1:6379'], wrong)).toBe(1);
      expect(wrong.stderr).toBe(
        'faultline worker: --queue: expected a Redis URL like "redis://127.0.0.1:6379", got "http://127.0.0.1:6379"\n',
      );
    } finally {
      if (saved !== undefined) process.env['FAULTLINE_QUEUE_URL'] = saved;
    }
  });
});
