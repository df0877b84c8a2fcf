// Run as a child process by exit.test.ts: one instance's breaker on a Redis store, taken
// through a state change and a watch, then disposed. If anything it opened still held the
// event loop, this process would not exit on its own.
import { VirtualClock, circuitBreaker } from '@faultline/core';
import { Redis } from 'ioredis';
import { redisCircuitStateStore } from '../index.js';

const prefix = process.argv[2]!;
const redis = new Redis({ host: '127.0.0.1', port: 6379 });
const store = redisCircuitStateStore({ redis, prefix });
const breaker = circuitBreaker({
  name: 'orders',
  window: { type: 'consecutive', failures: 1 },
  clock: new VirtualClock(),
  store,
});
const heard = new Promise<void>((resolve) => store.watch('orders', () => resolve()));
const subscribed = async () =>
  ((await redis.pubsub('NUMSUB', `${prefix}orders`)) as [string, number])[1] === 1;
while (!(await subscribed())) await new Promise((resolve) => setTimeout(resolve, 10));
await breaker.execute(() => Promise.reject(new Error('down'))).catch(() => {});
await heard;
breaker.dispose();
await store.dispose();
await redis.del(`${prefix}orders`);
await redis.quit();
console.log(`disposed with the breaker ${breaker.state}`);
