import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.js';

describe('progressBar', () => {
  it('redraws in place only when the percent or the label changes, and clears its line when done', () => {
    const writes: string[] = [];
    const bar = progressBar((text) => writes.push(text));
    bar.update({ fraction: 0.001 });
    bar.update({ fraction: 0.004 });
    bar.update({ fraction: 0.5, label: 'baseline' });
    bar.update({ fraction: 0.505, label: 'baseline' });
    bar.update({ fraction: 0.505, label: 'no resilience' });
    bar.done();
    expect(writes).toEqual([
      `\r\x1b[K${'░'.repeat(30)}   0%`,
      `\r\x1b[Kbaseline ${'█'.repeat(15)}${'░'.repeat(15)}  50%`,
      `\r\x1b[Kno resilience ${'█'.repeat(15)}${'░'.repeat(15)}  50%`,
      '\r\x1b[K',
    ]);
  });

  it('writes nothing when nothing was drawn', () => {
    const writes: string[] = [];
    progressBar((text) => writes.push(text)).done();
    expect(writes).toEqual([]);
  });
});
