import type { Comparison } from '../../analysis/index.js';
import { formatMs, formatPercent, formatPoints, formatSigned } from '../format.js';
import { escapeHtml } from '../html.js';
import { table } from './tables.js';

/** What each resilience pattern buys: the design against itself without it. */
export function comparisonSection(comparison: Comparison | undefined): string {
  if (comparison === undefined) return '';
  const rows = comparison.variants.map((variant) => [
    escapeHtml(variant.name),
    formatPercent(variant.availability),
    formatMs(variant.p99Ms),
    String(variant.score),
    variant.buys ? formatSigned(variant.buys.availability, formatPoints) : '',
    variant.buys ? formatSigned(variant.buys.p99Ms, formatMs) : '',
    variant.buys ? formatSigned(variant.buys.score) : '',
  ]);
  return (
    `<section aria-labelledby="comparison"><h2 id="comparison">What each pattern buys</h2>` +
    `<p>The same design and seed (${comparison.seed}) run again with all resilience removed, and with each pattern removed alone from every call. ` +
    `“Buys” is the baseline less the variant: availability points and score points the patterns add, p99 milliseconds they save.</p>` +
    table(
      'The design, without any resilience, and without each pattern alone',
      ['variant', 'availability', 'p99', 'score', 'buys availability', 'buys p99', 'buys score'],
      rows,
      [1, 2, 3, 4, 5, 6],
    ) +
    `</section>`
  );
}
