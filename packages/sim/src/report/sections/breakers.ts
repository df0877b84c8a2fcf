import type { BreakerState, RunResult } from '../../result.js';
import { formatTime } from '../format.js';
import { escapeHtml } from '../html.js';

/** A stretch of time one breaker spent in one state. */
export interface BreakerSpan {
  readonly state: BreakerState;
  readonly start: number;
  readonly end: number;
}

/**
 * Each breaker's states over the run, from its transitions; every breaker starts closed. Each
 * instance of a calling service has its own breaker (as in production), so a lane is an edge and,
 * where the log names one, an instance: `a->b` or `a->b#2` (instance 2, counted from 1).
 */
export function breakerSpans(result: RunResult): Map<string, BreakerSpan[]> {
  const spans = new Map<string, BreakerSpan[]>();
  const current = new Map<string, { state: BreakerState; since: number }>();
  for (const transition of result.breakers) {
    const lane =
      transition.instance === undefined ? transition.edge : `${transition.edge}#${transition.instance + 1}`;
    const before = current.get(lane) ?? { state: 'closed', since: 0 };
    const list = spans.get(lane) ?? [];
    if (transition.t > before.since)
      list.push({ state: before.state, start: before.since, end: transition.t });
    spans.set(lane, list);
    current.set(lane, { state: transition.state, since: transition.t });
  }
  for (const [edge, last] of current)
    if (last.since < result.simulatedMs)
      spans.get(edge)!.push({ state: last.state, start: last.since, end: result.simulatedMs });
  return spans;
}

const STATE_WORDS: Record<string, string> = {
  closed: 'closed',
  open: 'open',
  halfOpen: 'half-open',
  isolated: 'isolated',
  disabled: 'disabled',
};

/** The circuit breaker section: one band per edge, coloured by state, fault windows shaded. */
export function breakersSection(result: RunResult): string {
  const spans = breakerSpans(result);
  if (spans.size === 0) return section('<p>No circuit breaker changed state during the run.</p>');
  const width = result.simulatedMs || 1;
  const x = (ms: number) => ((ms / width) * 1000).toFixed(2);
  const faults = result.faults
    .map(
      (fault) =>
        `<rect class="fault" x="${x(fault.start)}" y="0" width="${x(fault.end - fault.start)}" height="20"></rect>`,
    )
    .join('');
  const lanes = [...spans].map(([edge, list]) => {
    const rects = list
      .filter((span) => span.state !== 'closed')
      .map(
        (span) =>
          `<rect class="state-${span.state}" x="${x(span.start)}" y="3" width="${x(span.end - span.start)}" height="14">` +
          `<title>${escapeHtml(`${STATE_WORDS[span.state] ?? span.state} ${formatTime(span.start)}–${formatTime(span.end)}`)}</title></rect>`,
      )
      .join('');
    return (
      `<div class="lane"><span class="lane-label">${escapeHtml(laneLabel(edge))}</span>` +
      `<svg class="band" viewBox="0 0 1000 20" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(laneWords(edge, list))}">` +
      `<rect class="state-closed" x="0" y="3" width="1000" height="14"></rect>${faults}${rects}</svg></div>`
    );
  });
  const legend = ['closed', 'open', 'halfOpen', 'isolated']
    .map(
      (state) => `<span class="key"><span class="swatch state-${state}"></span>${STATE_WORDS[state]}</span>`,
    )
    .join('');
  return section(
    `<p class="legend">${legend}<span class="key"><span class="swatch fault"></span>fault</span></p>` +
      `<div class="lanes">${lanes.join('')}${timeAxis(result.simulatedMs)}</div>`,
  );
}

/** `a->b#2` → `a → b (instance 2)`. */
function laneLabel(lane: string): string {
  const [edge, instance] = lane.split('#');
  const words = edge!.replace('->', ' → ');
  return instance === undefined ? words : `${words} (instance ${instance})`;
}

function section(body: string): string {
  return `<section aria-labelledby="breakers"><h2 id="breakers">Circuit breakers</h2>${body}</section>`;
}

function laneWords(edge: string, spans: readonly BreakerSpan[]): string {
  const opened = spans.filter((span) => span.state === 'open');
  const openMs = opened.reduce((sum, span) => sum + span.end - span.start, 0);
  const name = laneLabel(edge);
  if (opened.length === 0) return `Breaker on ${name}: never opened.`;
  const first = opened
    .slice(0, 5)
    .map((span) => `${formatTime(span.start)}–${formatTime(span.end)}`)
    .join(', ');
  const more = opened.length > 5 ? `, and ${opened.length - 5} more` : '';
  return `Breaker on ${name}: opened ${opened.length} ${opened.length === 1 ? 'time' : 'times'}, open ${formatTime(openMs)} in all: ${first}${more}.`;
}

function timeAxis(simulatedMs: number): string {
  const ticks = 6;
  const labels = Array.from({ length: ticks + 1 }, (_, index) => {
    const ms = (simulatedMs * index) / ticks;
    return `<span style="left:${((index / ticks) * 100).toFixed(2)}%">${formatTime(ms)}</span>`;
  });
  return `<div class="lane" aria-hidden="true"><span class="lane-label"></span><div class="ticks">${labels.join('')}</div></div>`;
}
