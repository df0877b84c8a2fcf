import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { shot } from './shots.js';
import { startStack, type Stack } from './stack.js';

// The studio end to end: a real `faultline` server on SQLite, the built UI, Debian's Chromium.
// Timing: waits are for what the user would see (a tile turning red), with generous limits, never
// fixed sleeps standing in for a result.

let stack: Stack;
let browser: Browser;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await stack?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return page;
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const designIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');

describe('the studio', () => {
  let designId = '';

  it('builds a design from scratch, adds a breaker and a fault, runs it, and shows the breaker open during the fault', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/#/designs`);
    await page.getByRole('table').waitFor();
    await shot(page, '01-designs');

    await page.getByRole('button', { name: 'New design' }).click();
    await page.getByLabel('Name').fill('e2e shop');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: /^e2e shop/ }).waitFor();
    designId = designIdOf(page);

    // A third service, renamed, and a call drawn to it with the mouse on the graph.
    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByLabel('Name', { exact: true }).fill('db');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('heading', { name: 'Service db' }).waitFor();
    const from = page.locator('[data-id="backend"] .react-flow__handle.source');
    const to = page.locator('[data-id="db"] .react-flow__handle.target');
    await from.hover();
    await page.mouse.down();
    const box = await to.boundingBox();
    assert.ok(box, 'the db node has a target handle');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page
      .locator('.react-flow__edge[data-id="services.backend.calls[0]"]')
      .waitFor({ state: 'attached' });

    // A circuit breaker on gateway → backend.
    await page.locator('.react-flow__node[data-id="gateway"]').click();
    await page.getByRole('button', { name: '→ backend: resilience' }).click();
    const breaker = page.getByRole('group', { name: 'Circuit breaker' });
    await breaker.getByRole('checkbox').check();
    await breaker.getByLabel('minimumCalls').fill('10');
    await shot(page, '02-editor-resilience');

    // A crash of every backend instance from 20s for 15s.
    await page.getByRole('tab', { name: /Faults/ }).click();
    await page.getByLabel('Add a fault').selectOption('crash');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const fault = page.getByRole('group', { name: 'Fault 1: crash' });
    await fault.getByLabel('target *').selectOption('backend');
    await fault.getByLabel('at', { exact: true }).fill('20s');
    await fault.getByLabel('duration', { exact: true }).fill('15s');
    await shot(page, '03-editor-faults');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved as version 2/).waitFor();

    // Run it for 60 simulated seconds.
    await page.getByRole('link', { name: 'Runs' }).first().click();
    await page.getByLabel('Duration').fill('60s');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('heading', { name: /Run .* succeeded/ }).waitFor({ timeout: 60_000 });
    await page.locator('.chart canvas').first().waitFor();
    assert.equal(await page.locator('.chart').count(), 3, 'throughput, error rate and p99 charts');

    const log = page.getByRole('table').filter({ hasText: 'Moved to' });
    const rows = await log.locator('tbody tr').allInnerTexts();
    const opens = rows
      .map((row) => row.split('\t'))
      .filter(([, edge, state]) => edge?.trim().startsWith('gateway->backend') && state?.trim() === 'open')
      .map(([time]) => Number.parseFloat(time ?? ''));
    assert.ok(opens.length > 0, `the breaker opened: ${rows.join(' | ')}`);
    assert.ok(
      opens.some((t) => t >= 20 && t <= 36),
      `it opened during the fault (20s–35s), at ${opens.join(', ')}s`,
    );
    await shot(page, '04-run-results');

    // Both exports: the result as JSON, and the server's self-contained HTML report.
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    assert.match(json.suggestedFilename(), /^run-.*\.json$/);
    const exported = JSON.parse(await streamText(await json.createReadStream())) as {
      design: string;
      breakers: unknown[];
    };
    assert.equal(exported.design, 'e2e shop');
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'HTML report' }).click(),
    ]);
    assert.match(await streamText(await html.createReadStream()), /<html/i);
    await page.locator('.chart').first().scrollIntoViewIfNeeded();
    await shot(page, '05-run-charts');

    // A second run, compared with the design stripped of its resilience, and against the first run.
    await page.getByLabel(/Compare with and without resilience/).check();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('heading', { name: /Run .* running|Run .* queued|Run .* succeeded/ }).waitFor();
    await page.getByRole('heading', { name: /Run .* succeeded/ }).waitFor({ timeout: 90_000 });
    const variants = page.getByRole('table').filter({ hasText: 'What the removed patterns buy' });
    await variants.waitFor();
    const names = await variants.locator('tbody th').allInnerTexts();
    assert.deepEqual(names.slice(0, 2), ['baseline', 'no resilience']);
    await page.getByLabel('Compare with', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('heading', { name: 'This run against the other' }).waitFor();
    await variants.scrollIntoViewIfNeeded();
    await shot(page, '06-run-compare');
    await page.close();
  });

  it('shows a crash in the live showcase within seconds, halts it and shows the recovery', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/#/designs/${encodeURIComponent(designId)}/live`);
    await page.getByLabel('Speed').fill('10');
    await page.getByRole('button', { name: 'Start live session' }).click();
    await page.locator('.tile[aria-label^="backend"]').waitFor();
    await page.locator('.tile[aria-label="backend: healthy"]').waitFor({ timeout: 15_000 });

    const crash = page.getByRole('form', { name: 'crash' });
    await crash.getByLabel('target').selectOption('backend');
    await crash.getByLabel('duration').fill('');
    await crash.getByRole('button', { name: 'Inject crash' }).click();

    await page.locator('.tile.down[aria-label="backend: down"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-edge="gateway->backend"][data-state="open"]').waitFor({ timeout: 10_000 });
    await shot(page, '07-live-crash');

    await page.getByRole('button', { name: 'Halt all faults' }).click();
    await page.locator('.tile[aria-label="backend: healthy"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-edge="gateway->backend"][data-state="closed"]').waitFor({ timeout: 20_000 });
    await page
      .getByRole('list', { name: /Recovery from crash backend/ })
      .getByText(/✓ recovered/)
      .waitFor({ timeout: 30_000 });
    await shot(page, '08-live-recovered', { fullPage: true });

    // A partition between the gateway and the backend: both sides, and what each could still serve.
    const partition = page.getByRole('form', { name: 'partition' });
    await partition.getByLabel('side A').selectOption('gateway');
    await partition.getByLabel('side B').selectOption('backend');
    await partition.getByLabel('duration').fill('20s');
    await partition.getByRole('button', { name: 'Inject partition' }).click();
    const sides = page.getByRole('region', { name: /^Partition at/ });
    await sides.getByRole('heading', { name: 'Side A: gateway' }).waitFor({ timeout: 15_000 });
    await sides.getByRole('heading', { name: 'Side B: backend' }).waitFor();
    // Once each side has answered something, the trade-off is stated from the measured numbers.
    await sides.getByText(/given up/).waitFor({ timeout: 20_000 });
    assert.match(await sides.innerText(), /Availability \d/);
    await sides.scrollIntoViewIfNeeded();
    await shot(page, '09-live-partition');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.close();
  });

  it('tells the user when someone else saved the design first', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/#/designs/${encodeURIComponent(designId)}`);
    await page.getByRole('heading', { name: /^e2e shop/ }).waitFor();

    // Someone else saves a new version meanwhile, through the API.
    const current = (await (await fetch(`${stack.url}/api/v1/designs/${designId}`)).json()) as {
      version: number;
      document: Record<string, unknown>;
    };
    const saved = await fetch(`${stack.url}/api/v1/designs/${designId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expectedVersion: current.version, document: { ...current.document, seed: 7 } }),
    });
    assert.equal(saved.status, 200);

    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Someone else saved this design' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), new RegExp(`now at version ${current.version + 1}`));
    await shot(page, '10-version-conflict');
    await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
    await page.getByText(`Saved as version ${current.version + 2}.`).waitFor();
    await page.close();
  });

  it('reads in the dark theme, and opens a service from the keyboard', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/#/designs/${encodeURIComponent(designId)}`);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset['theme']), 'dark');
    // The graph by keyboard: a focused service opens its panel with Enter.
    await page.locator('.react-flow__node[data-id="db"]').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Service db' }).waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.getByRole('button', { name: 'gateway → backend' }).click();
    await shot(page, '11-editor-dark');
    await page.close();
  });
});
