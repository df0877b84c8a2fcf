import { seededRandom, type Random } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { lognormal, type Distribution } from './distribution.js';
import { sampler } from './sampler.js';

const DRAWS = 100_000;

function draws(distribution: Distribution, seed = 7): Float64Array {
  const draw = sampler(distribution, seededRandom(seed));
  const values = new Float64Array(DRAWS);
  for (let i = 0; i < DRAWS; i++) values[i] = draw();
  return values.sort();
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

function stddev(values: Float64Array): number {
  const m = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - m) ** 2;
  return Math.sqrt(sum / (values.length - 1));
}

/** Relative closeness: |actual − expected| ≤ tolerance × expected. */
function expectNear(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * expected);
}

describe('sampler', () => {
  it('draws a constant without touching the random source', () => {
    let calls = 0;
    const random: Random = { next: () => (calls++, 0.5) };
    const draw = sampler({ dist: 'constant', value: 5 }, random);
    expect([draw(), draw(), draw()]).toEqual([5, 5, 5]);
    expect(calls).toBe(0);
  });

  it('draws uniformly between min and max', () => {
    const values = draws({ dist: 'uniform', min: 10, max: 30 });
    expect(values[0]).toBeGreaterThanOrEqual(10);
    expect(values[DRAWS - 1]).toBeLessThan(30);
    expectNear(mean(values), 20, 0.01);
    expectNear(quantile(values, 0.25), 15, 0.02);
  });

  it('draws an exponential with the given mean and its p99 of mean × ln 100', () => {
    const values = draws({ dist: 'exponential', mean: 5 });
    expect(values[0]).toBeGreaterThanOrEqual(0);
    expectNear(mean(values), 5, 0.02);
    expectNear(quantile(values, 0.5), 5 * Math.LN2, 0.02);
    expectNear(quantile(values, 0.99), 5 * Math.log(100), 0.04);
  });

  it('draws a normal with the given mean and standard deviation', () => {
    const values = draws({ dist: 'normal', mean: 100, stddev: 15 });
    expectNear(mean(values), 100, 0.005);
    expectNear(stddev(values), 15, 0.02);
    expectNear(quantile(values, 0.99), 100 + 15 * 2.3263478740408408, 0.01);
  });

  it('truncates a normal at zero by drawing again', () => {
    const values = draws({ dist: 'normal', mean: 1, stddev: 2 });
    expect(values[0]).toBeGreaterThanOrEqual(0);
    // Half-normal-ish: truncation lifts the mean well above the nominal 1.
    expect(mean(values)).toBeGreaterThan(1.5);
  });

  it('uses both values of each polar pair for normal draws', () => {
    let calls = 0;
    const source = seededRandom(3);
    const draw = sampler({ dist: 'normal', mean: 1000, stddev: 1 }, { next: () => (calls++, source.next()) });
    for (let i = 0; i < 10_000; i++) draw();
    // Two uniforms per attempt, π/4 of attempts accepted, two normals per accepted pair.
    expect(calls / 10_000).toBeLessThan(1.35);
    expect(calls / 10_000).toBeGreaterThan(1.2);
  });

  it('draws a lognormal whose median and p99 are the ones given', () => {
    const values = draws(lognormal(20, 120));
    expectNear(quantile(values, 0.5), 20, 0.02);
    expectNear(quantile(values, 0.99), 120, 0.04);
  });

  it('derives the lognormal parameters from the median and p99', () => {
    const { mu, sigma } = lognormal(20, 120);
    expect(mu).toBeCloseTo(Math.log(20), 12);
    expect(sigma).toBeCloseTo(Math.log(6) / 2.3263478740408408, 12);
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    const distribution: Distribution = lognormal(20, 120);
    const first = sampler(distribution, seededRandom(42));
    const second = sampler(distribution, seededRandom(42));
    const other = sampler(distribution, seededRandom(43));
    const a = [first(), first(), first()];
    expect([second(), second(), second()]).toEqual(a);
    expect([other(), other(), other()]).not.toEqual(a);
  });
});
