// What every browser test file starts with: a real backend and Chromium for the file's tests, and
// failures that say where they happened (a screenshot and the page's address).
import { after, before } from 'node:test';
import { startBackend } from './backend.mjs';
import { launchBrowser, screenshot } from './browser.mjs';

/** Starts a backend and a browser before the file's tests and stops both after them:
 * `suite.backend` and `suite.browser` once the tests run. */
export function liveSuite(options) {
  const suite = { backend: null, browser: null };
  before(async () => {
    suite.backend = await startBackend(options);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    if (suite.browser) await suite.browser.close().catch(() => {});
    if (suite.backend) await suite.backend.stop();
  });
  return suite;
}

/** Runs `fn`; if it fails, the error names a screenshot of `page` and its address. */
export async function guarded(page, name, fn) {
  try {
    await fn();
  } catch (err) {
    err.message += `\n  screenshot: ${await screenshot(page, `failure-${name}`)}\n  url: ${page.url()}`;
    throw err;
  }
}
