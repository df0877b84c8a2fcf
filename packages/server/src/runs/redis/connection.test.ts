import { describe, expect, it } from 'vitest';
import { ConfigError } from '@faultline/core';
import { connectionOf, probeRedis, redisErrorLogger } from './connection.js';

describe('the Redis queue connection', () => {
  it('takes redis:// and rediss:// URLs and refuses others, naming the option', () => {
    expect(connectionOf('redis://127.0.0.1:6379')).toEqual({
      url: 'redis://127.0.0.1:6379',
      maxRetriesPerRequest: null,
    });
    expect(connectionOf('rediss://user:secret@redis.internal:6380/2')).toMatchObject({
      url: 'rediss://user:secret@redis.internal:6380/2',
    });
    for (const url of ['http://127.0.0.1:6379', '127.0.0.1:6379', '']) {
      const error = (() => {
        try {
          connectionOf(url, 'queue');
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toEqual([
        {
          path: 'queue',
          message: `expected a Redis URL like "redis://127.0.0.1:6379", got ${JSON.stringify(url)}`,
        },
      ]);
    }
  });

  it('fails a start at once when nothing listens', async () => {
    await expect(probeRedis('redis://127.0.0.1:1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('logs a Redis error once, not at every retry, and a new error at once', () => {
    const logged: string[] = [];
    const onError = redisErrorLogger({ error: (_data, message) => void logged.push(message) }, 'lost');
    onError(new Error('connect ECONNREFUSED'));
    onError(new Error('connect ECONNREFUSED'));
    onError(new Error('connect ECONNREFUSED'));
    expect(logged).toEqual(['lost']);
    onError(new Error('NOAUTH'));
    expect(logged).toEqual(['lost', 'lost']);
  });
});
