import { describe, expect, it } from 'vitest';
import { parseRateCsv } from './csv.js';

describe('parseRateCsv', () => {
  it('reads time,rate rows, skipping a header, blank lines and comments', () => {
    expect(parseRateCsv('# morning peak\ntime,rate\n\n0s,100\n 30s , 250.5 \n1m,0\n')).toEqual({
      points: [
        { at: 0, rate: 100 },
        { at: 30_000, rate: 250.5 },
        { at: 60_000, rate: 0 },
      ],
      issues: [],
    });
  });

  it('reads a bare number of time as milliseconds, as everywhere in a design', () => {
    expect(parseRateCsv('0,1\n1500,2').points).toEqual([
      { at: 0, rate: 1 },
      { at: 1500, rate: 2 },
    ]);
  });

  it('reads Windows line ends', () => {
    expect(parseRateCsv('0s,1\r\n1s,2\r\n').points).toHaveLength(2);
  });

  it('reports each bad row with its line', () => {
    const { issues } = parseRateCsv('time,rate\n0s,1\nsoon,2\n2s\n3s,\n0s,4\n');
    expect(issues).toEqual([
      { line: 3, message: 'expected a time like 30s, got "soon"' },
      { line: 4, message: 'expected two columns, time and rate, got 1' },
      {
        line: 5,
        message: 'expected a rate from 0 to 1000000 requests per second (the limit per workload), got ""',
      },
      { line: 6, message: "expected a time after the previous row's (0ms): list rows in time order" },
    ]);
  });

  it('needs at least one row', () => {
    expect(parseRateCsv('time,rate\n').issues).toEqual([
      { line: 1, message: 'expected at least one time,rate row' },
    ]);
  });
});
