import { describe, expect, it } from 'vitest';
import { renderTable } from './table.js';

describe('renderTable', () => {
  it('pads each column to its widest cell, numbers to the right', () => {
    const text = renderTable({
      head: ['service', 'requests', 'p99'],
      rows: [
        ['gateway', '24,000', '40 ms'],
        ['db', '5', '1.2 s'],
      ],
      right: [1, 2],
    });
    expect(text).toBe(
      [
        'service  requests    p99',
        '───────  ────────  ─────',
        'gateway    24,000  40 ms',
        'db              5  1.2 s',
        '',
      ].join('\n'),
    );
  });
});
