import { describe, expect, it } from 'vitest';
import { formatMs, formatPercent, formatPoints, formatSigned, formatTime } from './format.js';
import { escapeHtml, inlineScript, jsonForScript } from './html.js';

describe('formatting', () => {
  it('writes latencies, times and percentages as a person reads them', () => {
    expect([0.421, 18.26, 250, 1234, 61_000].map(formatMs)).toEqual([
      '0.42 ms',
      '18.3 ms',
      '250 ms',
      '1.23 s',
      '61 s',
    ]);
    expect([45_000, 125_000, 3_720_000].map(formatTime)).toEqual(['45 s', '2m 05s', '1h 02m']);
    expect([100, 99.95, 99.999, 42.25, 0].map(formatPercent)).toEqual([
      '100%',
      '99.95%',
      '99.999%',
      '42.3%',
      '0%',
    ]);
    expect([18.6047, 0.25, 0.004, 0].map(formatPoints)).toEqual([
      '18.6 pts',
      '0.25 pts',
      '0.004 pts',
      '0 pts',
    ]);
    expect([formatSigned(2), formatSigned(-3), formatSigned(0)]).toEqual(['+2', '−3', '0']);
  });
});

describe('html', () => {
  it('escapes text, JSON and scripts for where they go', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(jsonForScript({ name: '</script>' })).toBe('{"name":"\\u003c/script>"}');
    expect(JSON.parse(jsonForScript({ name: '</script>\u2028' }))).toEqual({ name: '</script>\u2028' });
    expect(inlineScript('a = "</SCRIPT>"')).toBe('a = "<\\/SCRIPT>"');
  });
});
