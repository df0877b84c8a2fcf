// The policies at work against a flaky dependency, on the real clock, in about three seconds.
//
// A pretend "inventory" service answers in 5–25 ms, fails 10% of calls, and goes down
// completely between 1.0 s and 2.0 s. Callers go through one pipeline, outer to inner:
// fallback → retry → circuit breaker → timeout → bulkhead. Watch the breaker open during the
// outage (calls fail fast and the fallback answers), probe while it is down, and close again
// once inventory is back.
//
// Run it: `npm start` at the repository root (after `npm ci`, which builds the packages).
import { bulkhead, circuitBreaker, fallback, pipeline, retry, systemClock, timeout } from '@faultline/core';

const started = systemClock.now();
const elapsed = () => Math.round(systemClock.now() - started);
const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** The dependency: usually fine, sometimes failing, and down from 1 s to 2 s. */
async function inventory({ signal }) {
  const now = elapsed();
  if (now >= 1000 && now < 2000) {
    await sleep(300, signal); // a dead host: the connection hangs until the caller gives up
    throw new Error('inventory: connection refused');
  }
  await sleep(5 + Math.random() * 20, signal);
  if (Math.random() < 0.1) throw new Error('inventory: 503');
  return { sku: 'tea', inStock: 12 };
}

const breaker = circuitBreaker({
  name: 'inventory',
  window: { type: 'count', size: 20 },
  minimumCalls: 10,
  failureRateThreshold: 50,
  openFor: '300ms',
  halfOpenCalls: 2,
});
const resilient = pipeline(
  { name: 'inventory' },
  fallback({ value: { sku: 'tea', inStock: null, degraded: true } }),
  retry({ maxAttempts: 3, backoff: { type: 'exponential', initial: '10ms', max: '100ms', jitter: 'full' } }),
  breaker,
  timeout({ duration: '100ms' }),
  bulkhead({ maxConcurrent: 10, maxQueue: 20 }),
);

breaker.onStateChange(({ from, to }) =>
  console.log(`${String(elapsed()).padStart(5)} ms  breaker ${from} → ${to}`),
);

const tally = { ok: 0, degraded: 0, failed: 0 };
const perSecond = [];
async function caller() {
  while (elapsed() < 3000) {
    try {
      const answer = await resilient.execute(inventory);
      if (answer.degraded) tally.degraded++;
      else tally.ok++;
    } catch {
      tally.failed++;
    }
    await sleep(10);
  }
}

const reporter = setInterval(() => {
  perSecond.push({ ...tally });
  const last = perSecond.length > 1 ? perSecond.at(-2) : { ok: 0, degraded: 0, failed: 0 };
  console.log(
    `${String(elapsed()).padStart(5)} ms  last 500 ms: ${tally.ok - last.ok} ok, ` +
      `${tally.degraded - last.degraded} answered by the fallback, ${tally.failed - last.failed} failed; breaker ${breaker.state}`,
  );
}, 500);

console.log(
  '    0 ms  8 callers start; inventory fails 10% of calls and will be down from 1000 ms to 2000 ms',
);
await Promise.all(Array.from({ length: 8 }, caller));
clearInterval(reporter);
console.log(
  `\nDone: ${tally.ok} ok, ${tally.degraded} degraded (fallback), ${tally.failed} failed. ` +
    'Without the pipeline, every call during the outage would have hung 300 ms and failed.',
);
