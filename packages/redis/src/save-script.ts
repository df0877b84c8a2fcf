import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Stores a snapshot and publishes it in one step. Redis runs a script atomically, so a watcher
 * that hears of a snapshot and then reads the key never finds an older value there, and no
 * reader sees the value change without its watchers being told.
 * KEYS[1] the snapshot's key; ARGV[1] the snapshot JSON; ARGV[2] the TTL in ms (0: none);
 * ARGV[3] the channel. Returns how many subscribers received it.
 */
export const SAVE_SCRIPT = `
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
return redis.call('PUBLISH', ARGV[3], ARGV[1])
`;

const SAVE_SCRIPT_SHA = createHash('sha1').update(SAVE_SCRIPT).digest('hex');

/** What one save writes. */
export interface SaveArgs {
  readonly redisKey: string;
  readonly channel: string;
  readonly json: string;
  /** Milliseconds, or undefined for no expiry. */
  readonly ttlMs: number | undefined;
}

/**
 * Runs the save script by its hash, and sends its text only when this Redis has not cached it
 * yet (after a restart, or the first time), as ioredis's defineCommand would; done here so the
 * store adds no command to a client it does not own.
 */
export async function saveAndPublish(redis: Redis, args: SaveArgs): Promise<void> {
  const argv = [args.json, String(args.ttlMs ?? 0), args.channel];
  try {
    await redis.evalsha(SAVE_SCRIPT_SHA, 1, args.redisKey, ...argv);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    await redis.eval(SAVE_SCRIPT, 1, args.redisKey, ...argv);
  }
}
