import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { littleShop } from './test-support/little-shop.js';
import { syntheticRun } from './test-support/synthetic-run.js';

describe('analyze', () => {
  it('fills in the score and the SLO check, leaving the rest of the result as it was', () => {
    const result = syntheticRun({
      design: 'little-shop',
      seconds: 30,
      faults: [{ type: 'crash', target: 'db', start: 20_000, end: 30_000 }],
      services: {
        gateway: () => ({ rate: 100 }),
        orders: () => ({ rate: 100 }),
        catalog: () => ({ rate: 100 }),
        db: (s) => ({ rate: s < 20 ? 100 : 0 }),
      },
    });
    const analyzed = analyze(result, littleShop());
    expect(analyzed.score.value).toBe(100);
    expect(analyzed.slo).toMatchObject({ met: true, entry: ['gateway'] });
    expect(analyzed.timeline).toBe(result.timeline);
    expect(result.score).toBeUndefined();
    // What --json writes: the analysis survives a round trip through JSON.
    expect(JSON.parse(JSON.stringify(analyzed))).toEqual(analyzed);
  });
});
