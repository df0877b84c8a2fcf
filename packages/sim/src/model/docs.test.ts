import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadDesign } from './load.js';
import { parseDesign } from './parse.js';
import { design } from './test-support/design.js';

// docs/design-file.md is the public reference: its examples must stay valid as the code changes.
const reference = readFileSync(new URL('../../../../docs/design-file.md', import.meta.url), 'utf8');
const yamlBlocks = [...reference.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe('docs/design-file.md', () => {
  it('has a complete example that loads without a warning', () => {
    expect(loadDesign(yamlBlocks[0]!).warnings).toEqual([]);
  });

  it('has call and workload examples that fit into a design', () => {
    const calls = parseYaml(yamlBlocks.find((block) => block.startsWith('calls:'))!) as { calls: unknown[] };
    const services = { gateway: { calls: calls.calls }, auth: {}, cart: {}, pricing: {}, payments: {} };
    expect(() => parseDesign(design({ services, workload: [{ target: 'gateway', rate: 1 }] }))).not.toThrow();

    const workload = parseYaml(yamlBlocks.find((block) => block.startsWith('workload:'))!) as {
      workload: unknown[];
    };
    const inline = workload.workload.filter((item) => !JSON.stringify(item).includes('"file"'));
    const input = design({ services: { edge: {}, auth: {} }, workload: inline });
    expect(parseDesign(input).design.workload[0]).toMatchObject({ kind: 'open', target: 'auth', rate: 50 });
  });
});
