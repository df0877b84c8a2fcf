import type { Score, ScorePart, SloCheck } from '../../analysis/index.js';
import type { RunResult, SloResult } from '../../result.js';
import { formatMs, formatPercent, formatTime } from '../format.js';
import { escapeHtml } from '../html.js';
import { table } from './tables.js';

/** The score, each part with its weight, points and reason; and the SLO verdicts. */
export function scoreSection(result: RunResult, score: Score | undefined): string {
  const parts = score?.parts;
  let body: string;
  if (score === undefined) {
    body = '<p>No score: the report was made without the design, and the result has none.</p>';
  } else if (parts === undefined) {
    body = `<p class="score"><span class="value">${score.value}</span>/100</p>`;
  } else {
    const rows = (
      [
        ['availability', parts.availability],
        ['recovery', parts.recovery],
        ['blast radius', parts.blastRadius],
      ] as const
    ).map(([name, part]) => partRow(name, part));
    body =
      `<p class="score"><span class="value">${score.value}</span>/100 ` +
      `<span class="muted">availability ${formatPercent(score.availability)}, ` +
      `${recoveryWords(score)}, ` +
      `blast radius ${formatPercent(score.blastRadius * 100)}</span></p>` +
      table(
        'How the score is made: each part’s weight times its points, added up (docs/score.md)',
        ['part', 'weight', 'points', 'why'],
        rows,
        [1, 2],
      ) +
      recoveriesTable(score);
  }
  return (
    `<section aria-labelledby="score"><h2 id="score">Resilience score</h2>${body}` +
    sloBlock(result.slo) +
    `</section>`
  );
}

function recoveriesTable(score: Score): string {
  if (score.recoveries.length === 0) return '';
  const rows = score.recoveries.map(({ disturbance, recoveryMs, recovered }) => [
    escapeHtml(disturbance.causes.join(', ')),
    formatTime(disturbance.start),
    formatTime(disturbance.end),
    recoveryMs === null
      ? 'lasted to the end'
      : !recovered
        ? `not within ${formatMs(recoveryMs)}`
        : recoveryMs === 0
          ? 'at once'
          : formatMs(recoveryMs),
  ]);
  return table(
    'Disturbances (faults and load spikes, overlapping ones merged) and how long users took to be back to normal after each',
    ['disturbance', 'from', 'to', 'users back after'],
    rows,
    [1, 2, 3],
  );
}

function recoveryWords(score: Score): string {
  if (!score.recovered) return `not recovered within ${formatMs(score.recoveryMs)}`;
  if (score.parts?.recovery === null) return 'recovery not measured';
  return score.recoveryMs === 0 ? 'recovered at once' : `recovered in ${formatMs(score.recoveryMs)}`;
}

function partRow(name: string, part: ScorePart | null): string[] {
  if (part === null) return [name, '–', '–', 'does not apply to this run'];
  return [name, `${Math.round(part.weight * 100)}%`, part.points.toFixed(2), escapeHtml(part.explanation)];
}

function sloBlock(slo: SloResult | undefined): string {
  if (slo === undefined) return '';
  const verdict = (met: boolean) =>
    met ? '<span class="met">met</span>' : '<span class="missed">missed</span>';
  const rows: string[][] = [];
  if (slo.availability)
    rows.push([
      'availability',
      `${slo.availability.target}%`,
      formatPercent(slo.availability.actual),
      verdict(slo.availability.met),
    ]);
  if (slo.latencyP99)
    rows.push([
      'p99 latency',
      formatMs(slo.latencyP99.targetMs),
      formatMs(slo.latencyP99.actualMs),
      verdict(slo.latencyP99.met),
    ]);
  const services = (slo as Partial<SloCheck>).services;
  const missed = services
    ? Object.entries(services)
        .filter(([, check]) => !check.met)
        .map(([name]) => escapeHtml(name))
    : [];
  const entry = (slo as Partial<SloCheck>).entry;
  const who = entry && entry.length > 0 ? ` (requests to ${entry.map(escapeHtml).join(', ')})` : '';
  return (
    `<h3>SLO: ${verdict(slo.met)}</h3>` +
    table(
      `The users’ figures${who} against the design’s SLO`,
      ['objective', 'target', 'actual', ''],
      rows,
      [1, 2],
    ) +
    (missed.length > 0
      ? `<p>Services that missed the SLO on their own figures: ${missed.join(', ')}.</p>`
      : '')
  );
}
