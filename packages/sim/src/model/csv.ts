import { describe, toMilliseconds } from '@faultline/core';
import type { RatePoint } from './design.js';
import { DESIGN_LIMITS } from './limits.js';

/** A problem on one line of a CSV rate profile. */
export interface CsvIssue {
  readonly line: number;
  readonly message: string;
}

/**
 * Reads a CSV of rate over time: one `time,rate` row per line, time as a duration (a bare number
 * is milliseconds, as everywhere in a design; `30s` reads as it should) and rate in requests per
 * second. An optional header row, blank lines and `#` comments are skipped. Rows must be in time order.
 */
export function parseRateCsv(text: string): { points: RatePoint[]; issues: CsvIssue[] } {
  const points: RatePoint[] = [];
  const issues: CsvIssue[] = [];
  const lines = text.split(/\r?\n/);
  let seenRow = false;
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const row = lines[index]!.trim();
    if (row === '' || row.startsWith('#')) continue;
    const cells = row.split(',').map((cell) => cell.trim());
    const first = !seenRow;
    seenRow = true;
    if (first && isHeader(cells)) continue;
    if (cells.length !== 2) {
      issues.push({ line, message: `expected two columns, time and rate, got ${cells.length}` });
      continue;
    }
    const at = toMilliseconds(/^\d+(\.\d+)?$/.test(cells[0]!) ? Number(cells[0]) : cells[0]);
    const rate = cells[1] === '' ? Number.NaN : Number(cells[1]);
    if (at === undefined)
      issues.push({ line, message: `expected a time like 30s, got ${describe(cells[0])}` });
    if (!Number.isFinite(rate) || rate < 0 || rate > DESIGN_LIMITS.ratePerSecond)
      issues.push({
        line,
        message: `expected a rate from 0 to ${DESIGN_LIMITS.ratePerSecond} requests per second (the limit per workload), got ${describe(cells[1])}`,
      });
    if (at === undefined || !Number.isFinite(rate)) continue;
    const previous = points[points.length - 1];
    if (previous && at <= previous.at)
      issues.push({
        line,
        message: `expected a time after the previous row's (${previous.at}ms): list rows in time order`,
      });
    points.push({ at, rate });
  }
  if (points.length === 0 && issues.length === 0)
    issues.push({ line: 1, message: 'expected at least one time,rate row' });
  if (points.length > DESIGN_LIMITS.profilePoints)
    issues.push({
      line: lines.length,
      message: `${points.length} rows is over the limit of ${DESIGN_LIMITS.profilePoints} rows per rate profile`,
    });
  return { points, issues };
}

// A first row whose rate column is not a number is a header such as `time,rate`.
function isHeader(cells: readonly string[]): boolean {
  return cells.length === 2 && cells[1] !== '' && !Number.isFinite(Number(cells[1]));
}
