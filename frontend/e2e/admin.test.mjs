// End-to-end: an administrator changes a role and bans/unbans a writer in real Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, startBackend } from './lib/backend.mjs';
import { launchBrowser, screenshot } from './lib/browser.mjs';

const ADMIN = { username: 'root_admin', email: 'root@example.com', password: 'admin-password-1' };
const writer = { username: 'quill', email: 'quill@example.com', password: 'quill-password-1' };
let backend;
let browser;
let page;

before(async () => {
  backend = await startBackend({
    env: { INITIAL_ADMIN_USERNAME: ADMIN.username, INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password },
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ baseURL: backend.url, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15000);
  page = await context.newPage();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (backend) await backend.stop();
});

test('an admin changes a role, bans and unbans a writer', { timeout: 120000 }, async () => {
  try {
    const reg = await api(backend.url, 'POST', '/auth/register', writer);
    assert.equal(reg.status, 201, JSON.stringify(reg.data));

    // a writer may not open the admin page
    await page.goto('/login');
    await page.getByLabel('Username or email').fill(writer.username);
    await page.getByLabel('Password').fill(writer.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/worlds');
    assert.equal(await page.getByRole('link', { name: 'Admin', exact: true }).count(), 0);
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();

    await page.goto('/login');
    await page.getByLabel('Username or email').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();

    await page.getByLabel('Search users').fill('quill');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row').filter({ hasText: writer.email });
    await row.waitFor();

    await row.getByLabel(`Role of ${writer.username}`).selectOption('premium');
    // the page reloads the list from the server after the change
    for (let i = 0; i < 50; i++) {
      const me = await api(backend.url, 'GET', '/auth/me', undefined, reg.data.token);
      if (me.data && me.data.user && me.data.user.role === 'premium') break;
      if (i === 49) assert.fail(`role not changed: ${JSON.stringify(me.data)}`);
      await page.waitForTimeout(100);
    }
    await page.getByRole('row').filter({ hasText: writer.email }).getByLabel(`Role of ${writer.username}`).and(page.locator(':enabled')).waitFor();
    assert.equal(await row.getByLabel(`Role of ${writer.username}`).inputValue(), 'premium');

    await row.getByLabel(`Reason to ban ${writer.username}`).fill('spam');
    await row.getByRole('button', { name: 'Ban' }).click();
    await row.getByText('banned').waitFor();
    const denied = await api(backend.url, 'POST', '/auth/login', { username: writer.username, password: writer.password });
    assert.equal(denied.status, 403);

    await row.getByRole('button', { name: 'Unban' }).click();
    await row.getByText('active').waitFor();
    const allowed = await api(backend.url, 'POST', '/auth/login', { username: writer.username, password: writer.password });
    assert.equal(allowed.status, 200);
  } catch (err) {
    err.message += `\n  screenshot: ${await screenshot(page, 'failure-admin')}`;
    throw err;
  }
});
