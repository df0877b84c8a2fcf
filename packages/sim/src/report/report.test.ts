import { describe, expect, it } from 'vitest';
import { compare, type Simulator } from '../analysis/index.js';
import { syntheticRun } from '../analysis/test-support/synthetic-run.js';
import { MAX_POINTS } from './chart-data.js';
import { renderReport } from './render.js';
import { crashRun } from './test-support/crash-run.js';

const all = (html: string, pattern: RegExp) => [...html.matchAll(pattern)];

function embeddedData(html: string): {
  t: number[];
  charts: Record<string, { series: unknown[] }>;
  faults: unknown[];
} {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!);
}

describe('renderReport', () => {
  const { result, design } = crashRun();
  const html = renderReport(result, { design });

  it('is one HTML page that needs nothing from the network', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
    expect(html).not.toMatch(/@import/);
    // uPlot itself, inlined.
    expect(html).toContain('var uPlot=function(){');
    expect(html).toContain('.uplot, .uplot *');
  });

  it('has a title, a heading per section and a caption on every table', () => {
    expect(html).toContain('<title>little-shop: run report</title>');
    expect(html).toContain('<h1>little-shop</h1>');
    expect(all(html, /<h2 id="([a-z-]+)">/g).map((match) => match[1])).toEqual([
      'score',
      'users',
      'breakers',
      'summary',
      'over-time',
    ]);
    const tables = all(html, /<table>/g).length;
    expect(tables).toBeGreaterThanOrEqual(5);
    expect(all(html, /<table><caption>[^<]+<\/caption>/g)).toHaveLength(tables);
  });

  it('describes every chart in words, and embeds the data of exactly those charts', () => {
    const charts = all(
      html,
      /<div class="chart[^"]*" data-chart="([^"]+)" role="img" aria-label="([^"]+)"><\/div>/g,
    );
    expect(charts).toHaveLength(3 + 3 * 4);
    const data = embeddedData(html);
    expect(Object.keys(data.charts).sort()).toEqual(charts.map((match) => match[1]).sort());
    expect(data.t).toHaveLength(60);
    const ordersErrors = charts.find((match) => match[1] === 's1-errors')![2];
    expect(ordersErrors).toBe(
      'orders, share of responses that failed: failures in 13 of 60 seconds, at most 100% (at 20 s). Shaded: crash on db from 20 s to 30 s.',
    );
  });

  it('explains the score and shows the SLO verdicts', () => {
    expect(html).toContain(`<span class="value">${result.score.value}</span>/100`);
    expect(html).toContain(result.score.parts.availability.explanation);
    expect(html).toContain(result.score.parts.blastRadius!.explanation);
    expect(html).toContain('<h3>SLO: <span class="missed">missed</span></h3>');
    expect(html).toContain(
      '<tr><th scope="row">crash on db</th><td class="num">20 s</td><td class="num">30 s</td><td class="num">at once</td></tr>',
    );
  });

  it('shows every service in the summary, and the breaker bands with their states in words', () => {
    for (const name of ['gateway', 'orders', 'catalog', 'db'])
      expect(html).toContain(`<th scope="row">${name}</th>`);
    expect(html).toContain(
      'aria-label="Breaker on gateway → orders: opened 2 times, open 10 s in all: 21 s–26 s, 26 s–31 s."',
    );
    expect(all(html, /<rect class="state-open"/g)).toHaveLength(2);
    expect(all(html, /<rect class="state-halfOpen"/g)).toHaveLength(2);
  });

  it('shades the load spikes of the design as well as the faults', () => {
    const spiky = {
      ...design,
      workload: [
        { ...design.workload[0]!, profile: { type: 'spike', at: 40_000, duration: 5000, multiplier: 2 } },
      ],
    } as typeof design;
    const page = renderReport(result, { design: spiky });
    expect(page).toContain(
      'Shaded: crash on db from 20 s to 30 s; load spike ×2 on gateway from 40 s to 45 s.',
    );
    expect(JSON.stringify(embeddedData(page))).toContain('"label":"load spike ×2 on gateway"');
  });

  it('escapes whatever the design names contain', () => {
    const hostile = '</script><script>alert(1)</script>';
    const { result: named, design: namedDesign } = crashRun(hostile);
    const page = renderReport(named, { design: namedDesign });
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(embeddedData(page).t).toHaveLength(60);
  });

  it('adds the comparison table when given one', () => {
    const fake: Simulator = () => result;
    const page = renderReport(result, { design, comparison: compare(design, fake) });
    expect(page).toContain('<h2 id="comparison">What each pattern buys</h2>');
    expect(page).toContain('<th scope="row">without retry</th>');
    expect(page).toContain('<a href="#comparison">');
  });

  it('reports a result without its design, and says when there is no score', () => {
    const bare = syntheticRun({ design: 'bare', seconds: 5, services: { a: () => ({ rate: 10 }) } });
    const page = renderReport(bare);
    expect(page).toContain('No score: the report was made without the design');
    expect(page).toContain('No circuit breaker changed state during the run.');
    expect(page).toContain('Responses of a, where');
  });

  it('bins a long run so that no chart has more than MAX_POINTS points', () => {
    const long = syntheticRun({ design: 'long', seconds: 4000, services: { a: () => ({ rate: 1 }) } });
    const data = embeddedData(renderReport(long));
    expect(data.t.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(data.t.slice(0, 2)).toEqual([0, 3]);
  });
});
