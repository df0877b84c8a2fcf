import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where screenshots go when FAULTLINE_SCREENSHOTS names a folder (`npm run screenshots`); none otherwise. */
const DIR = process.env['FAULTLINE_SCREENSHOTS'];

/** Takes a screenshot of the page as `name.png` when screenshots are asked for. */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!DIR) return;
  mkdirSync(DIR, { recursive: true });
  // Let charts and transitions settle so the picture shows what a person would see.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(DIR, `${name}.png`), fullPage: options.fullPage ?? false });
}
