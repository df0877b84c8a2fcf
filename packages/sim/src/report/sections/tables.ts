import type { RunResult } from '../../result.js';
import { formatCount, formatMs, formatPercent, formatTime } from '../format.js';
import { escapeHtml } from '../html.js';

/** A table with a caption and a header row; `numeric` columns are right-aligned. */
export function table(
  caption: string,
  head: readonly string[],
  rows: readonly string[][],
  numeric: readonly number[] = [],
): string {
  const align = (index: number) => (numeric.includes(index) ? ' class="num"' : '');
  return (
    `<div class="table-wrap"><table><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr>${head.map((cell, index) => `<th scope="col"${align(index)}>${escapeHtml(cell)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows
      .map(
        (row) =>
          `<tr>${row.map((cell, index) => (index === 0 ? `<th scope="row">${cell}</th>` : `<td${align(index)}>${cell}</td>`)).join('')}</tr>`,
      )
      .join('')}</tbody></table></div>`
  );
}

/**
 * Per service, formatted for people: name, requests, ok, failed, degraded, errors by cause
 * (timeout, rejected, circuit open, unavailable, error), p50, p95, p99 and utilization. The HTML
 * report and the CLI's summary table print these same cells.
 */
export function serviceRows(result: RunResult): string[][] {
  return Object.entries(result.services).map(([name, service]) => [
    name,
    formatCount(service.requests),
    formatCount(service.ok),
    formatCount(service.failed),
    formatCount(service.degraded),
    formatCount(service.errors.timeout),
    formatCount(service.errors.rejected),
    formatCount(service.errors.circuitOpen),
    formatCount(service.errors.unavailable),
    formatCount(service.errors.error),
    formatMs(service.latencyMs.p50),
    formatMs(service.latencyMs.p95),
    formatMs(service.latencyMs.p99),
    formatPercent(service.utilization * 100),
  ]);
}

/** Per service: requests, outcomes, errors by cause, latency percentiles and utilization. */
export function servicesTable(result: RunResult): string {
  const rows = serviceRows(result).map(([name, ...cells]) => [escapeHtml(name!), ...cells]);
  return table(
    'Services: requests that arrived, how they were answered, failures by cause (timeout, rejected, circuit open, unavailable, error), latency from arrival to response, and worker utilization',
    [
      'service',
      'requests',
      'ok',
      'failed',
      'degraded',
      'timeout',
      'rejected',
      'open',
      'unavail.',
      'error',
      'p50',
      'p95',
      'p99',
      'util.',
    ],
    rows,
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  );
}

/** Per call edge: attempts, retries among them, and their outcomes. */
export function callsTable(result: RunResult): string {
  const rows = Object.entries(result.calls).map(([edge, call]) => [
    escapeHtml(edge.replace('->', ' → ')),
    formatCount(call.attempts),
    formatCount(call.retries),
    formatCount(call.ok),
    formatCount(call.failed),
    call.attempts === 0 ? '–' : formatPercent((call.failed / call.attempts) * 100),
  ]);
  if (rows.length === 0) return '';
  return table(
    'Calls: attempts on each edge, retries and hedged attempts included, and how they ended',
    ['call', 'attempts', 'retries', 'ok', 'failed', 'failed %'],
    rows,
    [1, 2, 3, 4, 5],
  );
}

/** The faults injected, with their windows. */
export function faultsTable(result: RunResult): string {
  if (result.faults.length === 0) return '<p>No faults were injected.</p>';
  return table(
    'Faults injected during the run',
    ['fault', 'target', 'from', 'to'],
    result.faults.map((fault) => [
      escapeHtml(fault.type),
      escapeHtml(fault.target),
      formatTime(fault.start),
      formatTime(fault.end),
    ]),
    [2, 3],
  );
}
