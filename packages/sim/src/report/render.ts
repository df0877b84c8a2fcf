import {
  loadSpikesOf,
  score as scoreOf,
  entryServices,
  servicesNobodyCalls,
  type Comparison,
  type Score,
} from '../analysis/index.js';
import type { Design } from '../model/index.js';
import type { RunResult } from '../result.js';
import { chartLibrary } from './assets.js';
import { chartAxis, serviceCharts, type Chart } from './chart-data.js';
import { REPORT_SCRIPT } from './client.js';
import { formatCount, formatTime } from './format.js';
import { escapeHtml, inlineScript, jsonForScript } from './html.js';
import { breakersSection } from './sections/breakers.js';
import { comparisonSection } from './sections/comparison.js';
import { scoreSection } from './sections/score.js';
import { callsTable, faultsTable, servicesTable } from './sections/tables.js';
import { REPORT_STYLE } from './style.js';

/** What a report can show besides the run result. */
export interface ReportOptions {
  /** The design the run was made from: gives the score's reasons, the users' services and the SLO line. */
  readonly design?: Design;
  /** The comparison with the design's resilience removed (`compare`). */
  readonly comparison?: Comparison;
}

/**
 * The run as one self-contained HTML page (no network: uPlot and the data are inlined): the
 * score explained, the SLO, summary tables, throughput, errors and p99 per service over time
 * with fault windows shaded, circuit breaker states per edge, and the comparison when given.
 */
export function renderReport(result: RunResult, options: ReportOptions = {}): string {
  const { design, comparison } = options;
  // An analysed result carries the score's reasons; without them, work them out from the design.
  const given = result.score as Score | undefined;
  const score = given?.parts === undefined && design !== undefined ? scoreOf(result, design) : given;
  const entry = design
    ? entryServices(design)
    : ((result.slo as { entry?: string[] } | undefined)?.entry ?? servicesNobodyCalls(result));
  const target = design?.slo.latencyP99;
  const source = chartAxis(result, design ? loadSpikesOf(design, result.simulatedMs) : []);
  const users = serviceCharts('users', 'users', entry, source, target);
  const services = Object.keys(result.services).map((name, index) => ({
    name,
    charts: serviceCharts(`s${index}`, name, [name], source, target),
  }));
  const data = {
    t: source.axis.t,
    span: result.simulatedMs / 1000,
    faults: source.axis.faults,
    charts: Object.fromEntries(
      [...users, ...services.flatMap((service) => service.charts)].map((chart) => [
        chart.id,
        { unit: chart.unit, series: chart.series },
      ]),
    ),
  };
  const library = chartLibrary();
  const binned = source.axis.binSeconds === 1 ? '' : ` Each point covers ${source.axis.binSeconds} s.`;
  const title = `${result.design}: run report`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Faultline">
<title>${escapeHtml(title)}</title>
<style>${library.style}</style>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(result.design)}</h1>
<p class="meta">Seed ${result.seed} · ${formatTime(result.simulatedMs)} simulated · ${formatCount(result.events)} events · ${formatCount(result.wallMs)} ms on the wall clock</p>
<nav aria-label="Sections"><ul>
<li><a href="#score">Score</a></li>
${comparison ? '<li><a href="#comparison">What each pattern buys</a></li>' : ''}
<li><a href="#users">What users saw</a></li>
<li><a href="#breakers">Circuit breakers</a></li>
<li><a href="#summary">Summary</a></li>
<li><a href="#over-time">Services over time</a></li>
</ul></nav>
</header>
<noscript><p>The charts need JavaScript; every figure is also described in words, and the tables below hold the numbers.</p></noscript>
${scoreSection(result, score)}
${comparisonSection(comparison)}
<section aria-labelledby="users">
<h2 id="users">What users saw</h2>
<p class="muted">Responses of ${entry.length > 0 ? entry.map(escapeHtml).join(', ') : 'the entry services'}, where the workload's requests arrive.${binned} Shaded: faults and load spikes.</p>
<div class="charts">${users.map((chart) => figure(chart, true)).join('')}</div>
</section>
${breakersSection(result)}
<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
${servicesTable(result)}
${callsTable(result)}
${faultsTable(result)}
</section>
<section aria-labelledby="over-time">
<h2 id="over-time">Services over time</h2>
<p class="muted">Per second of simulated time, counted when each response was sent.${binned} Shaded: faults and load spikes.</p>
<div class="services">
${services
  .map(
    (service) =>
      `<article class="service" aria-label="${escapeHtml(service.name)}"><h3>${escapeHtml(service.name)}</h3>` +
      `<div class="charts">${service.charts.map((chart) => figure(chart, false)).join('')}</div></article>`,
  )
  .join('\n')}
</div>
</section>
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${inlineScript(library.script)}</script>
<script>${inlineScript(REPORT_SCRIPT)}</script>
</body>
</html>
`;
}

function figure(chart: Chart, wide: boolean): string {
  return (
    `<figure><figcaption>${escapeHtml(chart.title)}</figcaption>` +
    `<div class="chart${wide ? ' wide' : ''}" data-chart="${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(chart.description)}"></div>` +
    `</figure>`
  );
}
