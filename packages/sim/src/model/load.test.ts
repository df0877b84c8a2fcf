import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from './errors.js';
import { DESIGN_LIMITS } from './limits.js';
import { loadDesign } from './load.js';
import { rejected } from './test-support/design.js';

const fixturePath = (name: string): string => new URL(`fixtures/${name}`, import.meta.url).pathname;
const loadFixture = (name: string) =>
  loadDesign(readFileSync(fixturePath(name), 'utf8'), { path: fixturePath(name) });

describe('loadDesign', () => {
  it('loads every fixture without a warning (but the minimal one, which has no workload)', () => {
    for (const name of ['shop.yaml', 'checkout.yaml', 'closed-loop.json'])
      expect(loadFixture(name).warnings, name).toEqual([]);
    expect(loadFixture('minimal.yaml').warnings.map((w) => w.path)).toEqual(['workload']);
  });

  it('reads a CSV profile from a file next to the design', () => {
    const { design } = loadFixture('checkout.yaml');
    expect(design.workload[0]).toMatchObject({
      rate: 100,
      arrivals: 'uniform',
      profile: {
        type: 'csv',
        interpolate: 'linear',
        points: [
          { at: 0, rate: 100 },
          { at: 60_000, rate: 150 },
          { at: 120_000, rate: 400 },
          { at: 180_000, rate: 380 },
          { at: 240_000, rate: 120 },
        ],
      },
    });
  });

  it('reads JSON, by extension or when asked', () => {
    const json = readFileSync(fixturePath('closed-loop.json'), 'utf8');
    expect(loadDesign(json, { format: 'json' }).design.name).toBe('closed-loop');
    expect(loadDesign(json).design.name).toBe('closed-loop');
  });

  it('gives the line and column of each problem, in file order', () => {
    const text = [
      'name: shop',
      'services:',
      '  gateway:',
      '    workers: many',
      '    calls:',
      '      - to: orders',
      '        timeout: 1s',
      '  orders: { latency: fast }',
      'workload: [{ target: gateway, rate: 10 }]',
    ].join('\n');
    const error = rejected(() => loadDesign(text));
    expect(error.issues.map(formatIssue)).toEqual([
      'services.gateway.workers: expected a whole number from 1 to 100000 (the limit of 100000 workers per instance), got "many" (line 4, column 14)',
      'services.orders.latency: expected a duration like "5ms" or a distribution like { dist: exponential, mean: 5ms }, got "fast" (line 8, column 22)',
    ]);
  });

  it('points a missing key at the object that lacks it', () => {
    const error = rejected(() => loadDesign('name: x\nservices:\n  a:\n    calls:\n      - timeout: 1s\n'));
    expect(error.issues).toEqual([
      { path: 'services.a.calls[0].to', message: 'missing: expected a service name', line: 5, column: 9 },
    ]);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const error = rejected(() => loadDesign('name: x\nservices:\n\ta: {}\n'));
    expect(error.issues).toEqual([
      { path: '', message: 'YAML syntax error: Tabs are not allowed as indentation', line: 3, column: 1 },
    ]);
  });

  it('reports a duplicated key, which YAML allows to hide a mistake', () => {
    const error = rejected(() => loadDesign('name: x\nname: y\nservices: { a: {} }\n'));
    expect(error.issues[0]).toMatchObject({ line: 2 });
    expect(error.issues[0]!.message).toMatch(/unique/);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const error = rejected(() => loadDesign('{\n  "name": "x",\n}', { format: 'json' }));
    expect(error.issues).toEqual([
      { path: '', message: 'JSON syntax error: Expected double-quoted property name', line: 3, column: 1 },
    ]);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const text = `name: big\n# ${'x'.repeat(DESIGN_LIMITS.fileBytes)}\n`;
    expect(rejected(() => loadDesign(text)).issues.map(formatIssue)).toEqual([
      `the design file is ${text.length} bytes, over the limit of ${DESIGN_LIMITS.fileBytes} bytes (1 MiB)`,
    ]);
  });

  it('stops YAML aliases from expanding without bound', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${'b'.repeat(i)}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    const error = rejected(() => loadDesign(lines.join('\n')));
    expect(error.issues[0]!.message).toMatch(/^YAML error: .*alias/i);
  });

  it('reads a CSV file relative to the design, and reports its bad lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-design-'));
    writeFileSync(join(dir, 'rates.csv'), '0s,10\n10s,-5\n');
    const text =
      'name: x\nservices: { a: {} }\nworkload:\n  - { target: a, profile: { type: csv, file: rates.csv } }\n';
    const error = rejected(() => loadDesign(text, { path: join(dir, 'design.yaml') }));
    expect(error.issues.map(formatIssue)).toEqual([
      `workload[0].profile.file: line 2: expected a rate from 0 to ${DESIGN_LIMITS.ratePerSecond} requests per second (the limit per workload), got "-5" (line 4, column 46)`,
    ]);
    const missing = rejected(() =>
      loadDesign(text.replace('rates.csv', 'nope.csv'), { path: join(dir, 'design.yaml') }),
    );
    expect(missing.issues[0]!.message).toMatch(/^cannot read "nope.csv": .*ENOENT/);
  });
});
