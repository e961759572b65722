// End-to-end: Swagger UI at /apidocs/ loads in real Chromium without a JavaScript error,
// without a request leaving the server (no web fonts, no CDN), titled "Worldsmith API",
// and shows the spec's operations and answer schemas.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend } from './lib/backend.mjs';
import { launchBrowser, screenshot } from './lib/browser.mjs';

let backend;
let browser;
let page;
const problems = [];

before(async () => {
  backend = await startBackend();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15000);
  page = await context.newPage();
  const origin = new URL(backend.url).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) problems.push(`external request: ${req.url()}`);
  });
  page.on('requestfailed', (req) => problems.push(`failed request: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (backend) await backend.stop();
});

test('Swagger UI loads cleanly, titled, with every operation and its answer schemas', { timeout: 90000 }, async () => {
  try {
    await page.goto(`${backend.url}/apidocs/`, { waitUntil: 'networkidle' });
    await page.locator('.opblock').first().waitFor();
    assert.equal(await page.title(), 'Worldsmith API');
    await page.locator('.info .title').filter({ hasText: 'Worldsmith API' }).waitFor();

    const spec = await (await fetch(`${backend.url}/apispec.json`)).json();
    const operations = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    assert.equal(await page.locator('.opblock').count(), operations);

    // an operation's 200 answer shows its schema, and the models list the answer models
    const get = page.locator('#operations-worlds-worlds_get_world_get');
    await get.locator('.opblock-summary').click();
    await get.locator('.responses-wrapper').getByText('World Id').or(get.locator('.responses-wrapper').getByText('world_id')).first().waitFor();
    await page.locator('section.models').getByText('WorldOut', { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');

    assert.deepEqual(problems, []);
  } catch (err) {
    err.message += `\n  problems: ${JSON.stringify(problems, null, 2)}\n  screenshot: ${await screenshot(page, 'failure-apidocs')}`;
    throw err;
  }
});
