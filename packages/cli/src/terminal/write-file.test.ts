import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file.js';

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    const directory = mkdtempSync(join(tmpdir(), 'faultline-write-'));
    const file = join(directory, 'run.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(directory)).toEqual(['run.json']);
  });

  it('fails without leaving anything when the directory does not exist', () => {
    const directory = mkdtempSync(join(tmpdir(), 'faultline-write-'));
    expect(() => writeFileAtomic(join(directory, 'missing', 'run.json'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(directory)).toEqual([]);
  });
});
