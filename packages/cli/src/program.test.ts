import { describe, expect, it } from 'vitest';
import { main, type Output } from './program.js';

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

describe('faultline', () => {
  it('prints its version', async () => {
    const output = capture();
    expect(await main(['node', 'faultline', '--version'], output)).toBe(0);
    expect(output.stdout.trim()).toBe('0.1.0');
  });

  it('fails with usage on an unknown command', async () => {
    const output = capture();
    expect(await main(['node', 'faultline', 'frobnicate'], output)).not.toBe(0);
    expect(output.stderr).toMatch(/unknown command 'frobnicate'|too many arguments/);
  });
});
