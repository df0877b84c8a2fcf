import { describe, expect, it } from 'vitest';
import { checkCycles, type Edge } from './cycles.js';

const edge = (from: string, to: string): Edge => ({ from, to, path: `${from}->${to}` });

describe('checkCycles', () => {
  it('accepts a DAG, diamonds included', () => {
    const edges = [edge('a', 'b'), edge('a', 'c'), edge('b', 'd'), edge('c', 'd')];
    expect(checkCycles(['a', 'b', 'c', 'd'], edges)).toEqual([]);
  });

  it('reports each cycle once, at the call that closes it', () => {
    const edges = [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('d', 'd')];
    expect(
      checkCycles(['a', 'b', 'c', 'd'], edges).map((issue) => [issue.path, issue.message.split(':')[0]]),
    ).toEqual([
      ['c->a', 'calls form a cycle, a -> b -> c -> a'],
      ['d->d', 'calls form a cycle, d -> d'],
    ]);
  });

  it('ignores edges to services it does not know (reported elsewhere)', () => {
    expect(checkCycles(['a'], [edge('a', 'ghost')])).toEqual([]);
  });
});
