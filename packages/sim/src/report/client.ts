/**
 * The report's browser script (plain ES5-compatible JavaScript, inlined after uPlot): draws every
 * `[data-chart]` element from the JSON in `#report-data`, shades the fault windows, reads its
 * colours from the page's CSS so that light and dark both work, and redraws when the window is
 * resized or the colour scheme changes.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];
  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }
  function timeLabel(seconds) {
    if (data.span <= 600) return Math.round(seconds) + 's';
    var minutes = Math.floor(seconds / 60);
    if (data.span <= 36000) return minutes + 'm' + (seconds % 60 ? String(Math.round(seconds % 60)).padStart(2, '0') : '');
    return Math.floor(minutes / 60) + 'h' + String(minutes % 60).padStart(2, '0');
  }
  function shadeFaults(u) {
    var ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = css('--fault');
    data.faults.forEach(function (fault) {
      var left = Math.max(u.valToPos(fault.start, 'x', true), u.bbox.left);
      var right = Math.min(u.valToPos(fault.end, 'x', true), u.bbox.left + u.bbox.width);
      if (right > left) ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
    });
    ctx.restore();
  }
  function options(element, spec) {
    var axisColor = css('--muted');
    var grid = { stroke: css('--grid'), width: 1 };
    return {
      width: Math.max(200, element.clientWidth),
      height: element.classList.contains('wide') ? 200 : 150,
      scales: { x: { time: false, range: [0, data.span] }, y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
      axes: [
        { stroke: axisColor, grid: grid, ticks: grid, font: '11px system-ui, sans-serif', values: function (u, values) { return values.map(timeLabel); } },
        { stroke: axisColor, grid: grid, ticks: grid, size: 48, label: spec.unit, labelSize: 20, labelFont: '600 11px system-ui, sans-serif', font: '11px system-ui, sans-serif' }
      ],
      series: [{ label: 'time', value: function (u, v) { return v == null ? '' : timeLabel(v); } }].concat(spec.series.map(function (series) {
        return {
          label: series.label,
          stroke: css(series.color),
          width: 1.5,
          dash: series.dashed ? [6, 4] : undefined,
          spanGaps: false,
          points: { show: false }
        };
      })),
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      hooks: { drawClear: [shadeFaults] }
    };
  }
  function draw() {
    charts.forEach(function (chart) { chart.plot.destroy(); });
    charts = [];
    document.querySelectorAll('[data-chart]').forEach(function (element) {
      var spec = data.charts[element.getAttribute('data-chart')];
      if (!spec) return;
      var columns = [data.t].concat(spec.series.map(function (series) { return series.values; }));
      charts.push({ element: element, plot: new uPlot(options(element, spec), columns, element) });
    });
  }
  function resize() {
    charts.forEach(function (chart) {
      chart.plot.setSize({ width: Math.max(200, chart.element.clientWidth), height: chart.plot.height });
    });
  }
  draw();
  var pending;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(resize, 100);
  });
  if (window.matchMedia) window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', draw);
})();
`;
