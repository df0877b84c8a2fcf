import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Output } from '../program.js';

function capture(terminal = false): Output & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    isTTY: false,
    errIsTTY: terminal,
    out: (text: string) => void (output.stdout += text),
    err: (text: string) => void (output.stderr += text),
  };
  return output;
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'faultline-simulate-'));
}

function designFile(text: string, name = 'shop.yaml'): string {
  const file = join(folder(), name);
  writeFileSync(file, text);
  return file;
}

async function simulate(args: string[], output = capture()) {
  const code = await main(['node', 'faultline', 'simulate', ...args], output);
  return { code, stdout: output.stdout, stderr: output.stderr };
}

// Small enough to run in a blink: users call the gateway, which calls orders behind a breaker
// and a fallback; orders crashes from 4 s to 6 s.
const SHOP = `name: tiny-shop
seed: 5
duration: 10s
services:
  gateway:
    instances: 2
    calls:
      - to: orders
        timeout: 200ms
        retry: { maxAttempts: 2, backoff: { type: constant, delay: 20ms } }
        circuitBreaker: { failureRateThreshold: 50, minimumCalls: 10, openFor: 1s }
        fallback: { type: static }
  orders: { instances: 2, latency: { dist: exponential, mean: 5ms } }
workload: [{ target: gateway, rate: 100 }]
faults: [{ type: crash, target: orders, at: 4s, duration: 2s }]
slo: { availability: 99.9, latencyP99: 300ms }
`;

describe('faultline simulate', () => {
  it('prints the run, a table of services, the score explained and the SLO', async () => {
    const { code, stdout, stderr } = await simulate([designFile(SHOP)]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^tiny-shop: seed 5, 10 s simulated in [\d.]+ m?s \([\d,]+ events\)$/);
    expect(lines[2]).toMatch(
      /^service\s+requests\s+ok\s+failed\s+degraded\s+timeout\s+rejected\s+open\s+unavail\s+error\s+p50\s+p95\s+p99\s+util$/,
    );
    expect(lines.filter((line) => /^(gateway|orders) /.test(line))).toHaveLength(2);
    expect(stdout).toMatch(/^score \d+\/100$/m);
    expect(stdout).toMatch(
      /^ {2}availability +50% × \d\.\d\d {2}(every user request|[\d.]+% of user requests) succeeded/m,
    );
    expect(stdout).toMatch(/^ {2}recovery +25% × \d\.\d\d {2}users /m);
    expect(stdout).toMatch(
      /^SLO (met|missed): availability [\d.]+% \(target 99\.9%(, missed)?\), p99 .+ \(target 300 ms(, missed)?\)$/m,
    );
  });

  it('writes the run result with its score and SLO, the same for the same seed but for wallMs', async () => {
    const file = designFile(SHOP);
    const out = folder();
    const first = await simulate([file, '--json', join(out, 'a.json')]);
    const second = await simulate([file, '--json', join(out, 'b.json')]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stderr).toBe(`wrote run result to ${join(out, 'a.json')}\n`);
    const a = JSON.parse(readFileSync(join(out, 'a.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(out, 'b.json'), 'utf8'));
    expect(Object.keys(a)).toEqual(
      expect.arrayContaining([
        'design',
        'seed',
        'services',
        'calls',
        'timeline',
        'breakers',
        'faults',
        'score',
        'slo',
      ]),
    );
    expect(a.score).toMatchObject({ value: expect.any(Number), recoveryMs: expect.any(Number) });
    expect(a.faults).toEqual([{ type: 'crash', target: 'orders', start: 4000, end: 6000 }]);
    expect({ ...a, wallMs: 0 }).toEqual({ ...b, wallMs: 0 });
    expect(readdirSync(out).sort()).toEqual(['a.json', 'b.json']);
  });

  it('takes the seed and the duration from the command line', async () => {
    const out = join(folder(), 'run.json');
    expect((await simulate([designFile(SHOP), '--seed', '9', '--duration', '3s', '--json', out])).code).toBe(
      0,
    );
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect([result.seed, result.simulatedMs, result.timeline.length]).toEqual([9, 3000, 3]);
  });

  it('writes a self-contained HTML report', async () => {
    const out = join(folder(), 'report.html');
    const { code, stderr } = await simulate([designFile(SHOP), '--report', out]);
    expect(code).toBe(0);
    expect(stderr).toBe(`wrote HTML report to ${out}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<h1>tiny-shop</h1>');
    expect(html).toContain('<h2 id="breakers">Circuit breakers</h2>');
  });

  it('compares the design with its resilience removed, in the table, the JSON and the report', async () => {
    const out = folder();
    const { code, stdout } = await simulate([
      designFile(SHOP),
      '--compare',
      '--json',
      join(out, 'run.json'),
      '--report',
      join(out, 'run.html'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('what each pattern buys (same seed 5;');
    const variants = [
      'baseline',
      'no resilience',
      'without fallback',
      'without retry',
      'without circuitBreaker',
      'without timeout',
    ];
    for (const name of variants) expect(stdout).toMatch(new RegExp(`^${name} +[\\d.]+%`, 'm'));
    const result = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(result.comparison.variants.map((variant: { name: string }) => variant.name)).toEqual(variants);
    expect(readFileSync(join(out, 'run.html'), 'utf8')).toContain('What each pattern buys');
  });

  it('draws a progress bar on stderr when it is a terminal, and clears it before the summary', async () => {
    const { code, stderr } = await simulate([designFile(SHOP), '--compare'], capture(true));
    expect(code).toBe(0);
    expect(stderr).toContain('\r\x1b[Ksimulating ');
    expect(stderr).toContain('100%');
    expect(stderr).toContain('\r\x1b[Kcompare 1/5 no resilience ');
    expect(stderr).toContain('\r\x1b[Kcompare 5/5 without timeout ');
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  it('prints every problem of a bad design with its place, and exits 1', async () => {
    const file = designFile(SHOP.replace('to: orders', 'to: ordrs'));
    const { code, stdout, stderr } = await simulate([file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${file}:8:13: services.gateway.calls[0].to: no service named "ordrs"; did you mean "orders"? (services: gateway, orders)\n` +
        `${file}:13:11: warning: services.orders: no workload targets this service and no service calls it: it will be idle\n`,
    );
  });

  it('refuses bad options before running, naming the option', async () => {
    const file = designFile(SHOP);
    const cases: [string[], string][] = [
      [['--seed', 'x'], '--seed: expected a whole number from 0 to 4294967295, got "x"'],
      [['--seed', '-1'], '--seed: expected a whole number from 0 to 4294967295, got "-1"'],
      [['--duration', '30'], '--duration: expected a duration with its unit, like "30s" or "5m", got "30"'],
      [['--duration', '0s'], '--duration: expected a duration above 0, like "30s", got "0s"'],
      [['--duration', '25h'], '--duration: expected at most 24h (the limit on simulated time), got "25h"'],
      [
        ['--json', '/no/such/folder/run.json'],
        '--json: the folder /no/such/folder does not exist; create it first or write elsewhere',
      ],
    ];
    for (const [args, message] of cases) {
      const result = await simulate([file, ...args]);
      expect(result).toEqual({ code: 1, stdout: '', stderr: `faultline simulate: ${message}\n` });
    }
  });

  it('says so when the file cannot be read', async () => {
    const missing = join(folder(), 'nope.yaml');
    expect(await simulate([missing])).toEqual({ code: 1, stdout: '', stderr: `${missing}: no such file\n` });
    expect(existsSync(missing)).toBe(false);
  });
});
