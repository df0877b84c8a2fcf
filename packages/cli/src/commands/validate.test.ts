import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Output } from '../program.js';

function capture(): Output & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out: (text: string) => void (output.stdout += text),
    err: (text: string) => void (output.stderr += text),
  };
  return output;
}

function designFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'faultline-validate-')), name);
  writeFileSync(file, text);
  return file;
}

async function validate(file: string) {
  const output = capture();
  const code = await main(['node', 'faultline', 'validate', file], output);
  return { code, stdout: output.stdout, stderr: output.stderr };
}

const SHOP = `name: shop
duration: 60s
services:
  gateway:
    calls:
      - to: orders
        timeout: 1s
      - parallel: [{ to: stock }, { to: prices }]
  orders: {}
  stock: {}
  prices: {}
workload: [{ target: gateway, rate: 100 }]
faults:
  - { type: crash, target: orders, at: 10s, duration: 5s }
`;

describe('faultline validate', () => {
  it('prints a summary of a valid design and exits 0', async () => {
    const result = await validate(designFile('shop.yaml', SHOP));
    expect(result).toEqual({ code: 0, stdout: 'ok: shop (4 services, 3 calls, 1 fault)\n', stderr: '' });
  });

  it('prints warnings of a valid design, with their place, and still exits 0', async () => {
    const file = designFile('late.yaml', SHOP.replace('at: 10s', 'at: 2m'));
    const result = await validate(file);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ok: shop (4 services, 3 calls, 1 fault)\n');
    expect(result.stderr).toBe(
      `${file}:14:40: warning: faults[0].at: starts at or after the end of the run (1m): it never happens\n`,
    );
  });

  it('prints every error, one per line with its place, and exits 1', async () => {
    const file = designFile(
      'bad.yaml',
      SHOP.replace('to: orders', 'to: ordrs').replace('timeout: 1s', 'timeout: 1s\n        latency: soon'),
    );
    const result = await validate(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${file}:6:13: services.gateway.calls[0].to: no service named "ordrs"; did you mean "orders"? (services: gateway, orders, stock, prices)`,
      `${file}:8:18: services.gateway.calls[0].latency: expected a duration like "5ms" or a distribution like { dist: exponential, mean: 5ms }, got "soon"`,
      `${file}:10:11: warning: services.orders: no workload targets this service and no service calls it: it will be idle`,
    ]);
  });

  it('reads JSON by its extension', async () => {
    const json = JSON.stringify({ name: 'j', services: { a: {} }, workload: [{ target: 'a', users: 3 }] });
    expect(await validate(designFile('j.json', json))).toEqual({
      code: 0,
      stdout: 'ok: j (1 service, 0 calls, 0 faults)\n',
      stderr: '',
    });
  });

  it('reports a syntax error with its line', async () => {
    const file = designFile('broken.yaml', 'name: x\nservices:\n\ta: {}\n');
    expect(await validate(file)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file}:3:1: YAML syntax error: Tabs are not allowed as indentation\n`,
    });
  });

  it('says so when the file is not there', async () => {
    const file = join(tmpdir(), 'faultline-no-such-design.yaml');
    expect(await validate(file)).toEqual({ code: 1, stdout: '', stderr: `${file}: no such file\n` });
  });
});
