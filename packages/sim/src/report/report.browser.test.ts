import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render.js';
import { crashRun } from './test-support/crash-run.js';

// Loads the report in the machine's Chromium, where there is one (Debian: apt-get install
// chromium). REPORT_SCREENSHOT=path also saves a picture of it (docs/screenshots/report.png).
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Runs in the page (as text: this package is type-checked without the DOM's types).
const COUNT_PAINTED_PIXELS = `Array.from(document.querySelectorAll('[data-chart] canvas')).map((canvas) => {
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let index = 3; index < pixels.length; index += 4) if (pixels[index] > 0) painted++;
  return { width: canvas.width, painted };
})`;

describe.skipIf(!existsSync(CHROMIUM))('the report in Chromium', () => {
  it('loads without errors or requests, and draws every chart', { timeout: 60_000 }, async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const { result, design } = crashRun();
      await page.setContent(renderReport(result, { design }), { waitUntil: 'load' });

      const charts = await page.locator('[data-chart]').count();
      expect(charts).toBe(3 + 3 * Object.keys(result.services).length);
      // uPlot draws each chart on a canvas: every one must exist, be sized, and hold pixels.
      const canvases = (await page.evaluate(COUNT_PAINTED_PIXELS)) as { width: number; painted: number }[];
      expect(canvases).toHaveLength(charts);
      for (const canvas of canvases) {
        expect(canvas.width).toBeGreaterThan(200);
        expect(canvas.painted).toBeGreaterThan(500);
      }
      expect(await page.locator('.band').count()).toBe(1);
      expect(problems).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);

      const screenshot = process.env.REPORT_SCREENSHOT;
      if (screenshot) {
        mkdirSync(dirname(screenshot), { recursive: true });
        await page.screenshot({ path: screenshot, fullPage: false });
      }
    } finally {
      await browser.close();
    }
  });
});
