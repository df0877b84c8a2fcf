import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDesign, type Design } from '../model/index.js';
import type { RunResult } from '../result.js';
import { simulate } from '../simulate.js';
import { analyze, type AnalyzedResult } from './analyze.js';
import { patternsOf, withoutPatterns } from './strip.js';

// Whole runs of real designs: seconds each on a loaded machine, so they get more time than a unit test.
const RUNS = { timeout: 120_000 };

// The designs in examples/ are what users run first: each must be valid, and must show what its
// opening comment says it shows. These tests read the files themselves.
const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

function example(name: string): Design {
  const path = `${EXAMPLES}${name}`;
  return loadDesign(readFileSync(path, 'utf8'), { path }).design;
}

function run(design: Design): AnalyzedResult {
  return analyze(simulate(design), design);
}

/** What `service` answered between `from` and `to` (simulated seconds). */
function window(result: RunResult, service: string, from: number, to: number) {
  let ok = 0;
  let failed = 0;
  for (const bucket of result.timeline) {
    if (bucket.t < from * 1000 || bucket.t >= to * 1000) continue;
    ok += bucket.services[service]!.ok;
    failed += bucket.services[service]!.failed;
  }
  return { ok, failed, availability: ok + failed === 0 ? NaN : (ok / (ok + failed)) * 100 };
}

describe('examples/', () => {
  it('holds only valid designs, each opening with a comment on what it shows', () => {
    const files = readdirSync(EXAMPLES).filter((file) => /\.(ya?ml|json)$/.test(file));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const text = readFileSync(`${EXAMPLES}${file}`, 'utf8');
      expect(text.startsWith('# '), `${file} opens with a comment`).toBe(true);
      expect(loadDesign(text, { path: `${EXAMPLES}${file}` }).warnings, file).toEqual([]);
    }
  });
});

describe('retry-storm.yaml and retry-storm-fixed.yaml', () => {
  it('stays collapsed long after the spike with immediate retries', RUNS, () => {
    const result = run(example('retry-storm.yaml'));
    expect(window(result, 'web', 0, 20).availability).toBe(100);
    // The spike ends at 25 s; the last 20 s of the run are still an outage.
    expect(window(result, 'web', 40, 60).availability).toBeLessThan(10);
    expect(result.score.recovered).toBe(false);
    // The API serves mostly requests nobody waits for: far more arrive than users send.
    expect(result.services.api!.requests).toBeGreaterThan(2 * result.services.web!.requests);
  });

  it('recovers within about ten seconds with backoff, jitter and a retry budget', RUNS, () => {
    const result = run(example('retry-storm-fixed.yaml'));
    expect(result.score.recovered).toBe(true);
    expect(result.score.recoveryMs).toBeLessThanOrEqual(12_000);
    expect(window(result, 'web', 40, 60).availability).toBeGreaterThan(99.9);
    expect(result.services.api!.requests).toBeLessThan(1.2 * result.services.web!.requests);
  });
});

describe('slow-dependency.yaml and slow-dependency-breaker.yaml', () => {
  let cascade: AnalyzedResult;
  let contained: AnalyzedResult;
  beforeAll(() => {
    cascade = run(example('slow-dependency.yaml'));
    contained = run(example('slow-dependency-breaker.yaml'));
  }, RUNS.timeout);

  it('cascades without a breaker: users fail while payments is slow, though the catalog is healthy', () => {
    expect(window(cascade, 'gateway', 22, 40).availability).toBeLessThan(20);
    expect(window(cascade, 'catalog', 20, 40).failed).toBe(0);
    expect(cascade.score.blast.breached).toEqual(['gateway', 'checkout']);
    expect(cascade.breakers).toEqual([]);
  });

  it('is contained by the breaker: it opens, fallbacks answer, checkout has few calls in flight', () => {
    expect(contained.breakers.find((transition) => transition.state === 'open')?.edge).toBe(
      'checkout->payments',
    );
    expect(window(contained, 'gateway', 20, 40).availability).toBeGreaterThan(99);
    expect(contained.services.checkout!.degraded).toBeGreaterThan(1000);
    expect(contained.services.checkout!.failed).toBe(0);
    // Busy worker time is calls in flight: with the breaker, a third of it or less.
    expect(contained.services.checkout!.utilization).toBeLessThan(
      cascade.services.checkout!.utilization / 2.5,
    );
    expect(contained.score.value).toBeGreaterThan(cascade.score.value + 30);
  });
});

describe('bulkhead.yaml', () => {
  it('keeps the healthy dependency and the users free of errors while recommendations are slow', RUNS, () => {
    const design = example('bulkhead.yaml');
    const result = run(design);
    expect(result.services.api!.failed).toBe(0);
    expect(result.services.inventory!.failed).toBe(0);
    expect(result.calls['api->inventory']!.failed).toBe(0);
    expect(result.services.api!.degraded).toBeGreaterThan(1000);
    expect(result.slo.met).toBe(true);

    const without = run(withoutPatterns(design, ['bulkhead']));
    expect(window(without, 'api', 20, 40).availability).toBeLessThan(90);
    expect(without.services.inventory!.requests).toBeLessThan(result.services.inventory!.requests);
  });
});

describe('partition.yaml', () => {
  it('makes calls across the zones time out, slowly, while each zone is healthy on its own', RUNS, () => {
    const result = run(example('partition.yaml'));
    const gateway = result.services.gateway!;
    expect(window(result, 'gateway', 22, 35).availability).toBe(0);
    expect(gateway.errors.timeout).toBeGreaterThan(0.9 * gateway.failed);
    expect(gateway.errors.unavailable + gateway.errors.circuitOpen).toBeLessThan(0.1 * gateway.failed);
    // Failing took two 1 s timeouts, not an instant refusal.
    expect(gateway.latencyMs.p95).toBeGreaterThan(2000);
    for (const name of ['catalog', 'orders', 'db']) expect(result.services[name]!.failed, name).toBe(0);
    expect(window(result, 'orders', 21, 35).ok).toBe(0);
  });
});

describe('shop.yaml', () => {
  it('meets its SLO through its faults, and would not without its resilience', RUNS, () => {
    const design = example('shop.yaml');
    expect(Object.keys(design.services)).toHaveLength(12);
    expect(patternsOf(design)).toEqual(['fallback', 'retry', 'circuitBreaker', 'timeout', 'bulkhead']);
    const result = run(design);
    expect(result.slo.met).toBe(true);
    expect(result.score.value).toBeGreaterThanOrEqual(75);
    expect(result.faults.map((fault) => fault.type)).toEqual(['latency', 'crash', 'error']);

    const bare = run(withoutPatterns(design, patternsOf(design)));
    expect(bare.score.availability).toBeLessThan(result.score.availability - 5);
  });
});
