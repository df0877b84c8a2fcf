import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { SAVE_SCRIPT, saveAndPublish } from './save-script.js';

describe('saveAndPublish', () => {
  const args = { redisKey: 'k', channel: 'k', json: '{}', ttlMs: 500 };

  function fakeRedis(evalshaError: Error | undefined) {
    const calls: string[] = [];
    const redis = {
      evalsha: (_sha: string, ...rest: unknown[]) => {
        calls.push(`evalsha ${rest.join(' ')}`);
        return evalshaError ? Promise.reject(evalshaError) : Promise.resolve(1);
      },
      eval: (script: string, ...rest: unknown[]) => {
        calls.push(`eval ${script === SAVE_SCRIPT ? 'SAVE_SCRIPT' : '?'} ${rest.join(' ')}`);
        return Promise.resolve(1);
      },
    } as unknown as Redis;
    return { redis, calls };
  }

  it('runs the cached script by its hash', async () => {
    const { redis, calls } = fakeRedis(undefined);
    await saveAndPublish(redis, args);
    expect(calls).toEqual(['evalsha 1 k {} 500 k']);
  });

  it('sends the script itself when Redis has not cached it (NOSCRIPT), and no TTL as 0', async () => {
    const { redis, calls } = fakeRedis(new Error('NOSCRIPT No matching script. Please use EVAL.'));
    await saveAndPublish(redis, { ...args, ttlMs: undefined });
    expect(calls).toEqual(['evalsha 1 k {} 0 k', 'eval SAVE_SCRIPT 1 k {} 0 k']);
  });

  it('passes any other error on', async () => {
    const { redis, calls } = fakeRedis(new Error('Connection is closed.'));
    await expect(saveAndPublish(redis, args)).rejects.toThrow('Connection is closed.');
    expect(calls).toHaveLength(1);
  });
});
