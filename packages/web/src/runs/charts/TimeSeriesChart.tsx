import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { BreakerTransition, FaultRecord, TimelineBucket } from '../../api/types.js';
import { breakerBands, faultBands, MEASURES, seriesOf, type Measure } from './series.js';

// Distinct in both themes and for the common colour-vision deficiencies (Okabe–Ito).
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7f7f7f', '#F0E442'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** One measure over time, a line per service, fault windows shaded and breaker states as bands along the bottom. */
export function TimeSeriesChart(props: {
  measure: Measure;
  timeline: readonly TimelineBucket[];
  services: readonly string[];
  faults: readonly FaultRecord[];
  breakers: readonly BreakerTransition[];
  endMs: number;
  width?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { measure, timeline, services, faults, breakers, endMs } = props;
  useEffect(() => {
    const target = ref.current;
    if (!target) return;
    const data = seriesOf({ timeline, services, measure });
    const shaded = faultBands(faults);
    const bands = breakerBands(breakers, endMs);
    const edges = [...new Set(bands.map((b) => b.edge))];
    const text = cssVar('--text', '#16181d');
    const grid = cssVar('--border', '#c9ced8');
    const chart = new uPlot(
      {
        width: props.width ?? Math.max(480, target.clientWidth || 600),
        height: 240,
        title: `${MEASURES[measure].title} (${MEASURES[measure].unit})`,
        scales: { x: { time: false } },
        axes: [
          {
            stroke: text,
            grid: { stroke: grid },
            label: 'simulated seconds',
            values: (_, ticks) => ticks.map((t) => `${t}s`),
          },
          { stroke: text, grid: { stroke: grid } },
        ],
        series: [
          { label: 't (s)' },
          ...services.map((name, i) => ({
            label: name,
            stroke: PALETTE[i % PALETTE.length] as string,
            points: { show: false },
            width: 2,
            spanGaps: false,
          })),
        ],
        hooks: {
          drawClear: [
            (u: uPlot) => {
              const { ctx, bbox } = u;
              ctx.save();
              ctx.fillStyle = cssVar('--fault', 'rgba(179,38,30,0.12)');
              for (const band of shaded) {
                const x0 = u.valToPos(band.from, 'x', true);
                const x1 = u.valToPos(band.to, 'x', true);
                ctx.fillRect(x0, bbox.top, Math.max(x1 - x0, 1), bbox.height);
              }
              ctx.restore();
            },
          ],
          draw: [
            (u: uPlot) => {
              const { ctx, bbox } = u;
              const h = 6 * devicePixelRatio;
              ctx.save();
              for (const band of bands) {
                const row = edges.indexOf(band.edge);
                ctx.fillStyle =
                  band.state === 'open' ? '#d62728' : band.state === 'halfOpen' ? '#E69F00' : '#7f7f7f';
                const x0 = u.valToPos(band.from, 'x', true);
                const x1 = u.valToPos(band.to, 'x', true);
                ctx.fillRect(x0, bbox.top + bbox.height - h * (row + 1), Math.max(x1 - x0, 2), h - 1);
              }
              ctx.restore();
            },
          ],
        },
      },
      data as uPlot.AlignedData,
      target,
    );
    // Follow the panel's width (a window resized, a sidebar opened) without drawing anew.
    const observer =
      props.width === undefined && typeof ResizeObserver !== 'undefined'
        ? new ResizeObserver(() => {
            const width = Math.max(480, target.clientWidth);
            if (Math.abs(width - chart.width) > 4) chart.setSize({ width, height: chart.height });
          })
        : undefined;
    observer?.observe(target);
    return () => {
      observer?.disconnect();
      chart.destroy();
    };
  }, [measure, timeline, services, faults, breakers, endMs, props.width]);
  const summary = `${MEASURES[measure].title} per service over ${Math.round(endMs / 1000)} simulated seconds; ${faults.length} fault windows shaded; breaker open periods as red bands along the bottom.`;
  return <div className="chart" ref={ref} role="img" aria-label={summary} />;
}
