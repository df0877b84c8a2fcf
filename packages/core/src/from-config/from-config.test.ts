import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.js';
import { BrokenCircuitError, ConfigError, TimeoutError } from '../errors/index.js';
import { seededRandom } from '../random/index.js';
import { fromConfig } from './from-config.js';

// The call of DESIGN.md's example design, as the YAML loader hands it over.
const designCall = {
  timeout: '1s',
  retry: { maxAttempts: 3, backoff: { type: 'exponential', initial: '50ms', max: '2s', jitter: 'full' } },
  circuitBreaker: {
    failureRateThreshold: 50,
    slowCallThreshold: '800ms',
    window: { type: 'count', size: 20 },
    minimumCalls: 10,
    openFor: '5s',
    halfOpenCalls: 3,
  },
  bulkhead: { maxConcurrent: 20, maxQueue: 0 },
  fallback: { type: 'static' },
};

describe('fromConfig', () => {
  it('builds the design file call in the documented order, on the given clock', () => {
    const clock = new VirtualClock();
    const built = fromConfig(designCall, { clock, random: seededRandom(1), name: 'gateway->orders' });
    expect(built.policies.map((policy) => policy.kind)).toEqual([
      'fallback',
      'retry',
      'circuitBreaker',
      'timeout',
      'bulkhead',
    ]);
    expect(built.policies.map((policy) => policy.name)).toEqual([
      'gateway->orders.fallback',
      'gateway->orders.retry',
      'gateway->orders.circuitBreaker',
      'gateway->orders.timeout',
      'gateway->orders.bulkhead',
    ]);
    expect(built.parts.circuitBreaker?.kernel).toBeDefined();
    expect(built.parts.rateLimiter).toBeUndefined();
  });

  it('runs core policies unchanged: a timeout inside the retry, counted by the breaker, answered by the fallback', async () => {
    const clock = new VirtualClock();
    const built = fromConfig(
      {
        fallback: { type: 'static', value: 'degraded' },
        retry: { maxAttempts: 2, backoff: { type: 'constant', delay: '10ms' } },
        circuitBreaker: { window: { type: 'consecutive', failures: 2 }, openFor: '1s' },
        timeout: { duration: '100ms', strategy: 'aggressive' },
      },
      { clock, random: seededRandom(1) },
    );
    let attempts = 0;
    const hang = () => {
      attempts++;
      return new Promise<string>(() => {});
    };
    const result = built.execute(hang);
    await clock.tick(300);
    await expect(result).resolves.toBe('degraded');
    expect(attempts).toBe(2);
    expect(built.parts.circuitBreaker!.state).toBe('open');
    // The open breaker refuses without calling (the retry retries the refusal after its delay);
    // the fallback still answers.
    const refused = built.execute(hang);
    await clock.tick(50);
    await expect(refused).resolves.toBe('degraded');
    expect(attempts).toBe(2);
  });

  it('without a fallback the caller sees the policy errors', async () => {
    const clock = new VirtualClock();
    const built = fromConfig(
      {
        circuitBreaker: { window: { type: 'consecutive', failures: 1 } },
        timeout: { duration: 50, strategy: 'aggressive' },
      },
      { clock },
    );
    const failing = expect(built.execute(() => new Promise(() => {}))).rejects.toBeInstanceOf(TimeoutError);
    await clock.tick(60);
    await failing;
    await expect(built.execute(() => 'never')).rejects.toBeInstanceOf(BrokenCircuitError);
  });

  it('reports every mistake at once, each with its path in the design file', () => {
    const bad = {
      timeout: 'soon',
      retry: { maxAttempts: 0 },
      circuitBreaker: { failureRateThreshold: 150 },
      retries: 3,
    };
    let error: unknown;
    try {
      fromConfig(bad, { path: 'services.gateway.calls[0]' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((issue) => issue.path);
    expect(paths).toContain('services.gateway.calls[0].retries');
    expect(paths).toContain('services.gateway.calls[0].timeout');
    expect(paths).toContain('services.gateway.calls[0].retry.maxAttempts');
    expect(paths).toContain('services.gateway.calls[0].circuitBreaker.failureRateThreshold');
    expect((error as ConfigError).message).toContain('services.gateway.calls[0].retries: unknown option');
  });

  it('builds an empty pipeline from an empty config', async () => {
    const built = fromConfig({});
    expect(built.policies).toHaveLength(0);
    await expect(built.execute(() => 7)).resolves.toBe(7);
  });
});
