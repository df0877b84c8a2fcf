/** The report's stylesheet: light by default, dark when the reader's system prefers it. */
export const REPORT_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2330; --muted: #5b6476; --card: #f6f7f9; --border: #d9dde4; --grid: #e6e9ee;
  --ok: #2f7d4f; --failed: #c8372d; --latency: #2b62c4; --target: #8a5a00;
  --fault: rgba(200, 55, 45, 0.12); --fault-solid: #f2c9c5;
  --closed: #cfe8d8; --open: #c8372d; --halfOpen: #e0a526; --isolated: #7a3fb0; --disabled: #9aa3b2;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151b; --fg: #e4e8ef; --muted: #9aa3b2; --card: #1b2029; --border: #2e3543; --grid: #262c38;
    --ok: #5cc98a; --failed: #ff6b5e; --latency: #6fa1ff; --target: #e8b64c;
    --fault: rgba(255, 107, 94, 0.16); --fault-solid: #5a2b29;
    --closed: #1f4a33; --open: #ff6b5e; --halfOpen: #e8b64c; --isolated: #b98cf0; --disabled: #5b6476;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; margin: 20px 0 8px; }
.muted, .meta { color: var(--muted); }
.meta { margin: 0; }
.score { font-size: 1.1rem; margin: 8px 0 12px; }
.score .value { font-size: 2.4rem; font-weight: 700; }
.met { color: var(--ok); font-weight: 600; }
.missed { color: var(--failed); font-weight: 600; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; min-width: 50%; font-size: 0.92rem; }
caption { text-align: left; color: var(--muted); padding: 0 0 6px; font-size: 0.9rem; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
thead th { font-weight: 600; border-bottom: 2px solid var(--border); vertical-align: bottom; }
tbody th { font-weight: 600; white-space: nowrap; }
.num { text-align: right; white-space: nowrap; }
.services { display: grid; gap: 16px; }
.service { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 8px 14px 12px; }
.service h3 { margin: 4px 0 4px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
figure { margin: 0; min-width: 0; }
figcaption { font-size: 0.85rem; color: var(--muted); margin: 0 0 2px; }
.chart { width: 100%; min-height: 150px; overflow: hidden; }
.chart.wide { min-height: 200px; }
.uplot { font-family: inherit; color: var(--fg); }
.u-legend { font-size: 0.8rem; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 0.85rem; color: var(--muted); }
.key { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; }
.lanes { display: grid; gap: 4px; }
.lane { display: grid; grid-template-columns: 200px 1fr; align-items: center; gap: 8px; }
.lane-label { font-size: 0.85rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.band { width: 100%; height: 20px; display: block; }
.ticks { position: relative; height: 18px; font-size: 0.75rem; color: var(--muted); }
.ticks span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.ticks span:first-child { transform: none; }
.ticks span:last-child { transform: translateX(-100%); }
rect.fault, .swatch.fault { fill: var(--fault-solid); background: var(--fault-solid); }
.state-closed { fill: var(--closed); background: var(--closed); }
.state-open { fill: var(--open); background: var(--open); }
.state-halfOpen { fill: var(--halfOpen); background: var(--halfOpen); }
.state-isolated { fill: var(--isolated); background: var(--isolated); }
.state-disabled { fill: var(--disabled); background: var(--disabled); }
nav ul { display: flex; gap: 16px; flex-wrap: wrap; list-style: none; padding: 0; margin: 12px 0 0; font-size: 0.9rem; }
a { color: var(--latency); }
noscript p { background: var(--card); border: 1px solid var(--border); padding: 8px 12px; }
`;
