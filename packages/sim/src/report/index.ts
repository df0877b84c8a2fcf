// The self-contained HTML report of a run (docs/analysis.md), and the number formats it uses,
// for other views of a run (the CLI's summary) to read the same.
export { renderReport, type ReportOptions } from './render.js';
export { formatCount, formatMs, formatPercent, formatPoints, formatSigned, formatTime } from './format.js';
export { serviceRows } from './sections/tables.js';
