import {
  formatCount,
  formatMs,
  formatPercent,
  formatPoints,
  formatSigned,
  formatTime,
  serviceRows,
  type AnalyzedResult,
  type Comparison,
  type ScorePart,
} from '@faultline/sim';
import { renderTable } from './table.js';

/** `shop: seed 42, 2m 00s simulated in 0.41 s (169,486 events)` */
export function runLine(result: AnalyzedResult): string {
  return (
    `${result.design}: seed ${result.seed}, ${formatTime(result.simulatedMs)} simulated in ` +
    `${formatMs(result.wallMs)} (${formatCount(result.events)} events)\n`
  );
}

/** Per service: requests, outcomes, failures by cause, latency percentiles and utilization. */
export function servicesTable(result: AnalyzedResult): string {
  return renderTable({
    head: [
      'service',
      'requests',
      'ok',
      'failed',
      'degraded',
      'timeout',
      'rejected',
      'open',
      'unavail',
      'error',
      'p50',
      'p95',
      'p99',
      'util',
    ],
    rows: serviceRows(result),
    right: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  });
}

/** The score, each part with its weight, points and reason, then the SLO verdict. */
export function scoreLines(result: AnalyzedResult): string {
  const { score, slo } = result;
  const parts: [string, ScorePart | null][] = [
    ['availability', score.parts.availability],
    ['recovery', score.parts.recovery],
    ['blast radius', score.parts.blastRadius],
  ];
  let text = `score ${score.value}/100\n`;
  const width = Math.max(...parts.map(([name]) => name.length));
  for (const [name, part] of parts) {
    const label = name.padEnd(width);
    text += part
      ? `  ${label}  ${`${Math.round(part.weight * 100)}%`.padStart(4)} × ${part.points.toFixed(2)}  ${part.explanation}\n`
      : `  ${label}     –         does not apply to this run\n`;
  }
  const objectives = [
    slo.availability &&
      `availability ${formatPercent(slo.availability.actual)} (target ${slo.availability.target}%${slo.availability.met ? '' : ', missed'})`,
    slo.latencyP99 &&
      `p99 ${formatMs(slo.latencyP99.actualMs)} (target ${formatMs(slo.latencyP99.targetMs)}${slo.latencyP99.met ? '' : ', missed'})`,
  ].filter(Boolean);
  text += `SLO ${slo.met ? 'met' : 'missed'}: ${objectives.join(', ')}\n`;
  return text;
}

/** What each pattern buys: the baseline against each variant. */
export function comparisonTable(comparison: Comparison): string {
  return (
    `what each pattern buys (same seed ${comparison.seed}; "buys" = baseline less the variant)\n` +
    renderTable({
      head: ['variant', 'availability', 'p99', 'score', 'buys availability', 'buys p99', 'buys score'],
      rows: comparison.variants.map((variant) => [
        variant.name,
        formatPercent(variant.availability),
        formatMs(variant.p99Ms),
        String(variant.score),
        variant.buys ? formatSigned(variant.buys.availability, formatPoints) : '',
        variant.buys ? formatSigned(variant.buys.p99Ms, formatMs) : '',
        variant.buys ? formatSigned(variant.buys.score) : '',
      ]),
      right: [1, 2, 3, 4, 5, 6],
    })
  );
}
