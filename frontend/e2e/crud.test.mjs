// End-to-end: editing and deleting worlds, characters, locations and stories, plus error display.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, startBackend } from './lib/backend.mjs';
import { launchBrowser, screenshot } from './lib/browser.mjs';

const writer = { username: 'editor', email: 'editor@example.com', password: 'editor-password-1' };
let backend;
let browser;
let page;
let token;
let world;
let story;

before(async () => {
  backend = await startBackend();
  const reg = await api(backend.url, 'POST', '/auth/register', writer);
  token = reg.data.token;
  world = (await api(backend.url, 'POST', '/worlds', { name: 'Draftland', world_type: 'modern', visibility: 'private', description: 'A city.' }, token)).data;
  await api(backend.url, 'POST', `/worlds/${world.world_id}/locations`, { name: 'Old Mill', description: 'By the river' }, token);
  story = (await api(backend.url, 'POST', '/stories', { world_id: world.world_id, title: 'First Draft', description: 'It begins.' }, token)).data.story;
  browser = await launchBrowser();
  const context = await browser.newContext({ baseURL: backend.url, viewport: { width: 390, height: 844 } }); // phone-sized
  context.setDefaultTimeout(15000);
  await context.addInitScript((t) => {
    if (!localStorage.getItem('worldsmith_token')) localStorage.setItem('worldsmith_token', t);
  }, token);
  page = await context.newPage();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (backend) await backend.stop();
});

async function guarded(name, fn) {
  try {
    await fn();
  } catch (err) {
    err.message += `\n  screenshot: ${await screenshot(page, `failure-${name}`)}`;
    throw err;
  }
}

test('edits a world and its calendar, showing validation errors from the API', { timeout: 60000 }, () =>
  guarded('edit-world', async () => {
    await page.goto(`/worlds/${world.world_id}`);
    await page.getByRole('button', { name: 'Edit world' }).click();
    const form = page.getByRole('form', { name: 'Edit world' });
    await form.getByLabel('Name', { exact: true }).fill('x'.repeat(300)); // longer than the API allows
    await form.getByRole('button', { name: 'Save world' }).click();
    await form.getByRole('alert').or(form.locator('.field-error')).first().waitFor();
    await form.getByLabel('Name', { exact: true }).fill('Draftland Revised');
    await form.getByRole('group', { name: 'Today in the world' }).getByLabel('Year').fill('1984');
    await form.getByLabel('Era', { exact: true }).fill('Late Modern');
    await form.getByRole('button', { name: 'Save world' }).click();
    await page.getByRole('heading', { level: 1, name: 'Draftland Revised' }).waitFor();
    await page.getByText(/Now: 1984/).waitFor();
    const saved = await api(backend.url, 'GET', `/worlds/${world.world_id}`, undefined, token);
    assert.equal(saved.data.metadata.calendar.current_year, 1984);
  }));

test('edits and deletes a location', { timeout: 60000 }, () =>
  guarded('location', async () => {
    await page.goto(`/worlds/${world.world_id}?tab=locations`);
    await page.getByRole('button', { name: 'Edit Old Mill' }).click();
    const form = page.getByRole('form', { name: 'Edit location' });
    await form.getByLabel('Description').fill('A ruin by the river');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('A ruin by the river').waitFor();
    await page.getByRole('button', { name: 'Delete Old Mill' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('No locations yet.').waitFor();
  }));

test('edits a story', { timeout: 60000 }, () =>
  guarded('edit-story', async () => {
    await page.goto(`/stories/${story.story_id}`);
    await page.getByRole('button', { name: 'Edit story' }).click();
    const form = page.getByRole('form', { name: 'Edit story' });
    await form.getByLabel('Title').fill('Second Draft');
    await form.getByLabel('Story text', { exact: true }).fill('It begins again, in the Old Mill.');
    await form.getByRole('button', { name: 'Save story' }).click();
    await page.getByRole('heading', { level: 1, name: 'Second Draft' }).waitFor();
    await page.getByText('It begins again, in the Old Mill.').waitFor();
  }));

test('deletes the story, then the world', { timeout: 60000 }, () =>
  guarded('delete', async () => {
    await page.getByRole('button', { name: 'Delete story' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(`**/worlds/${world.world_id}`);
    await page.getByText('No stories in this world yet.').waitFor();
    assert.equal((await api(backend.url, 'GET', `/stories/${story.story_id}`, undefined, token)).status, 404);
    await page.getByRole('button', { name: 'Delete world' }).click();
    await page.getByRole('button', { name: /Delete world and everything/ }).click();
    await page.waitForURL('**/worlds');
    assert.equal((await api(backend.url, 'GET', `/worlds/${world.world_id}`, undefined, token)).status, 404);
    await page.goto(`/stories/${story.story_id}`);
    await page.getByRole('heading', { name: 'This story does not exist' }).waitFor();
  }));

test('changes the password from the dashboard', { timeout: 60000 }, () =>
  guarded('password', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByLabel('Current password').fill(writer.password);
    await page.getByLabel('New password').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('status').filter({ hasText: /password/i }).waitFor();
    const login = await api(backend.url, 'POST', '/auth/login', { username: writer.username, password: 'a-brand-new-password' });
    assert.equal(login.status, 200);
    // the session goes on with the fresh token the API handed back
    await page.goto('/worlds');
    await page.getByRole('heading', { name: 'Worlds' }).waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByText(writer.username, { exact: true }).waitFor();
    const me = await api(backend.url, 'GET', '/auth/me', undefined, await page.evaluate(() => localStorage.getItem('worldsmith_token')));
    assert.equal(me.status, 200);
  }));
