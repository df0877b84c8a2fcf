import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import { seededRandom } from '../random/index.js';
import { backoff } from './backoff.js';

const random = seededRandom(1);

describe('backoff', () => {
  it('constant and linear', () => {
    expect(backoff({ type: 'constant', delay: '100ms' }).delay(5, 0, random)).toBe(100);
    const linear = backoff({ type: 'linear', initial: 100, step: '50ms', max: '220ms' });
    expect([1, 2, 3, 4].map((n) => linear.delay(n, 0, random))).toEqual([100, 150, 200, 220]);
  });

  it('exponential without jitter doubles up to max', () => {
    const exponential = backoff({ type: 'exponential', initial: '50ms', max: '1s' });
    expect([1, 2, 3, 4, 5, 6, 100, 5000].map((n) => exponential.delay(n, 0, random))).toEqual([
      50, 100, 200, 400, 800, 1000, 1000, 1000,
    ]);
  });

  it('full and equal jitter stay within their AWS bounds', () => {
    const full = backoff({ type: 'exponential', initial: 100, max: 10_000, jitter: 'full' });
    const equal = backoff({ type: 'exponential', initial: 100, max: 10_000, jitter: 'equal' });
    for (let attempt = 1; attempt < 40; attempt++) {
      const ceiling = Math.min(10_000, 100 * 2 ** (attempt - 1));
      const f = full.delay(attempt, 0, random);
      const e = equal.delay(attempt, 0, random);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(ceiling);
      expect(e).toBeGreaterThanOrEqual(ceiling / 2);
      expect(e).toBeLessThanOrEqual(ceiling);
    }
  });

  it('decorrelated jitter is never NaN and never above its cap over 10^6 draws (cockatiel #86)', () => {
    const decorrelated = backoff({ type: 'exponential', initial: '10ms', max: '2s', jitter: 'decorrelated' });
    const draws = seededRandom(86);
    let previous = 0;
    let highest = 0;
    for (let attempt = 1; attempt <= 1_000_000; attempt++) {
      const delay = decorrelated.delay(attempt, previous, draws);
      if (!(delay >= 10 && delay <= 2000))
        throw new Error(`attempt ${attempt}: delay ${delay} out of [10, 2000]`);
      highest = Math.max(highest, delay);
      previous = delay;
    }
    expect(highest).toBeGreaterThan(1900);
  });

  it('reports every mistake with its path', () => {
    try {
      backoff({ type: 'exponential', initial: 'soon', jiter: 'full' } as never, 'retry.backoff');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toEqual([
        { path: 'retry.backoff.jiter', message: expect.stringContaining('did you mean "jitter"') },
        { path: 'retry.backoff.initial', message: 'expected a duration like "250ms", got "soon"' },
      ]);
    }
  });

  it('requires a type', () => {
    expect(() => backoff({ initial: 10 } as never, 'b')).toThrow(/b\.type: required/);
  });
});
