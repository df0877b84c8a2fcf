// The self-contained HTML report of a run (docs/analysis.md).
export { renderReport, type ReportOptions } from './render.js';
