// End-to-end: the whole writer's journey in real Chromium against the real backend.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, startBackend } from './lib/backend.mjs';
import { launchBrowser, screenshot } from './lib/browser.mjs';

const AI_TIMEOUT = 60000;
let backend;
let browser;
let context;
let page;
let failed = false;
const consoleErrors = [];

const run = Date.now().toString(36);
const owner = { username: `ayla_${run}`, email: `ayla_${run}@example.com`, password: 'correct-horse-1' };
const friend = { username: `borin_${run}`, email: `borin_${run}@example.com`, password: 'correct-horse-2' };
const state = {};

before(async () => {
  backend = await startBackend();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: backend.url, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15000);
  page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (backend) await backend.stop();
});

/** A step of the journey: skipped after a failure; screenshots on failure. */
function step(name, fn) {
  test(name, { timeout: 120000 }, async (t) => {
    if (failed) {
      t.skip('an earlier step failed');
      return;
    }
    try {
      await fn();
    } catch (err) {
      failed = true;
      const file = await screenshot(page, `failure-${name}`);
      const tail = backend ? backend.logs.join('').split('\n').slice(-25).join('\n') : '';
      err.message += `\n  screenshot: ${file}\n  url: ${page.url()}\n  browser errors: ${consoleErrors.slice(-5).join(' | ') || 'none'}\n  backend log tail:\n${tail}`;
      throw err;
    }
  });
}

const alertText = () => page.getByRole('alert').allInnerTexts();

/** Wait for `success`, but fail at once with the page's error text if an alert shows up. */
async function outcome(success, timeout = AI_TIMEOUT) {
  const failure = page.getByRole('alert').first();
  await success.or(failure).first().waitFor({ timeout });
  if (!(await success.first().isVisible())) throw new Error(`The page shows an error: ${await failure.innerText()}`);
}

step('serves the built app at / with SPA fallback', async () => {
  await page.goto('/some/unknown/page');
  await page.getByRole('heading', { name: 'This page does not exist' }).waitFor();
  await page.goto('/');
  await page.getByRole('link', { name: /Worldsmith/ }).waitFor();
});

step('registers a new writer', async () => {
  await page.goto('/register');
  await page.getByLabel('Username', { exact: true }).fill(owner.username);
  await page.getByLabel('Email', { exact: true }).fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByLabel('Confirm password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL('**/worlds');
  await page.getByText(owner.username, { exact: true }).waitFor();
});

step('creates a world with the starter cast (optional, off by default)', async () => {
  await page.getByRole('button', { name: '+ New world' }).click();
  const form = page.getByRole('form', { name: 'New world' });
  await form.getByLabel('Name', { exact: true }).fill('Eldoria');
  await form.getByLabel('Type', { exact: true }).selectOption('fantasy');
  await form.getByLabel('Description', { exact: true }).fill('A misty archipelago of lantern-lit harbors and old sea gods.');
  const starter = form.getByLabel(/starter cast/);
  assert.equal(await starter.isChecked(), false);
  await starter.check();
  await form.getByRole('button', { name: 'Create world' }).click();
  await page.waitForURL(/\/worlds\/[0-9a-f-]{36}$/);
  state.worldId = page.url().split('/').pop();
  await page.getByRole('heading', { level: 1, name: 'Eldoria' }).waitFor();
  await page.getByRole('tab', { name: 'Characters' }).click();
  await page.getByTestId('character-item').first().waitFor();
  state.starterCount = await page.getByTestId('character-item').count();
  assert.ok(state.starterCount >= 1, 'starter cast has characters');
});

step('adds a character', async () => {
  const form = page.getByRole('form', { name: 'New character' });
  await form.getByLabel('Name', { exact: true }).fill('Mira Thornwood');
  await form.getByLabel('Description', { exact: true }).fill('A lighthouse keeper who hears the sea gods.');
  await form.getByRole('button', { name: 'Add character' }).click();
  await page.getByRole('heading', { name: 'Mira Thornwood', exact: true }).waitFor();
  assert.equal(await page.getByTestId('character-item').count(), state.starterCount + 1);
});

step('writes a story mentioning the character', async () => {
  await page.getByRole('tab', { name: 'Stories' }).click();
  await page.getByRole('link', { name: '+ New story' }).click();
  await page.waitForURL('**/stories/new?world_id=*');
  const form = page.getByRole('form', { name: 'New story' });
  await form.getByLabel('Title', { exact: true }).fill('The Lantern Road');
  await form.getByLabel('Description', { exact: true }).fill('Mira Thornwood follows the lanterns to Saltmarsh Harbor.');
  await form
    .getByLabel('Story text', { exact: true })
    .fill(
      'Mira Thornwood left the lighthouse at dawn. In Saltmarsh Harbor she met Captain Oren Vale, ' +
        'who told her the sea gods were waking.\n\nTogether Mira Thornwood and Oren Vale sailed for the Drowned Spire.',
    );
  await form.getByRole('button', { name: 'Create story' }).click();
  await page.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
  state.storyId = page.url().split('/').pop();
  await page.getByRole('heading', { level: 1, name: 'The Lantern Road' }).waitFor();
});

step('analyses the story, reviews the names found and links them', async () => {
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await page.getByRole('progressbar', { name: 'Finding names progress' }).waitFor();
  await outcome(page.getByRole('status').filter({ hasText: /to review|Nothing new/ }));
  const review = page.getByRole('region', { name: 'Names found in this story' });
  const mira = review.getByRole('listitem', { name: 'Mira Thornwood' });
  await mira.getByText('Matches existing character Mira Thornwood').waitFor();
  await mira.getByRole('button', { name: 'Keep link' }).click();
  await review.getByRole('button', { name: /^Apply \d+ choices?$/ }).click();
  await review.getByRole('button', { name: 'Undo this review' }).waitFor();
  const chars = page.getByRole('list', { name: 'Characters' });
  await chars.getByText('Mira Thornwood', { exact: true }).waitFor();
  assert.deepEqual(await alertText(), []);
});

step('extracts events and sees them on the timeline', async () => {
  await page.getByRole('button', { name: /Extract events/ }).click();
  await outcome(page.getByRole('link', { name: 'View the timeline' }));
  await page.getByRole('link', { name: 'View the timeline' }).click();
  await page.waitForURL(/tab=timeline/);
  await page.locator('.timeline-event').first().waitFor();
  const timeline = page.locator('.timeline');
  assert.ok((await page.locator('.timeline-event').count()) >= 1);
  await timeline.getByRole('link', { name: /The Lantern Road/ }).first().waitFor();
  // the owner can edit an event on the timeline
  const first = page.locator('.timeline-event').first();
  await first.getByRole('button', { name: /^Edit event/ }).click();
  const form = first.getByRole('form', { name: /^Edit event/ });
  await form.getByLabel('Title', { exact: true }).fill('Mira leaves the lighthouse');
  await form.getByRole('button', { name: 'Save event' }).click();
  await page.getByRole('heading', { name: 'Mira leaves the lighthouse' }).waitFor();
});

step('sees the character in the relationship graph and opens her page from it', async () => {
  await page.getByRole('tab', { name: 'Graph' }).click();
  // typed relations by default; who appears together in the stories is the other view. Mira is
  // the only one linked to her story, so she shows among the unconnected entries
  await page.getByRole('button', { name: 'Appear together' }).click();
  await page.getByLabel('Unconnected too').check();
  const node = page.getByRole('button', { name: /^Character: Mira Thornwood, \d+ connections$/ });
  await node.click();
  await page.getByRole('heading', { level: 1, name: 'Mira Thornwood' }).waitFor();
  // her page lists the story she appears in
  await page.getByRole('list', { name: 'Stories' }).getByRole('link', { name: /The Lantern Road/ }).waitFor();
  await page.goBack();
  await page.getByRole('tab', { name: 'Graph', selected: true }).waitFor();
});

step('batch-analyses unlinked stories and auto-links the world', async () => {
  const token = await page.evaluate(() => localStorage.getItem('worldsmith_token'));
  const second = await api(backend.url, 'POST', '/stories', {
    world_id: state.worldId,
    title: 'Storm over Saltmarsh',
    description: 'Captain Oren Vale returns to Saltmarsh Harbor as the storm breaks.',
    time_index: 70,
  }, token);
  assert.equal(second.status, 201, JSON.stringify(second.data));
  await page.getByRole('tab', { name: 'Stories' }).click();
  await page.getByRole('link', { name: /Storm over Saltmarsh/ }).waitFor();
  await page.getByRole('button', { name: /Analyse unlinked stories/ }).click();
  await outcome(page.getByRole('status').filter({ hasText: /Found \d+ characters?/ }));
  await page.getByRole('button', { name: /Auto-link stories/ }).click();
  await outcome(page.getByRole('status').filter({ hasText: /Linked|link/i }));
});

step('shares the world with a second user', async () => {
  const reg = await api(backend.url, 'POST', '/auth/register', friend);
  assert.equal(reg.status, 201, JSON.stringify(reg.data));
  state.friendId = reg.data.user.user_id;
  state.friendToken = reg.data.token;
  await page.getByRole('tab', { name: 'Sharing' }).click();
  const form = page.getByRole('form', { name: 'Share world' });
  await form.getByLabel('User IDs').fill(state.friendId);
  await form.getByRole('button', { name: 'Share' }).click();
  await page.getByText(/Shared with 1 user/).waitFor();
  await page.locator('.shared-list').getByText(state.friendId).waitFor();
});

step('logs out', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL('**/login');
  await page.getByRole('link', { name: 'Log in' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('worldsmith_token')), null);
  // a logged-out visitor cannot see the private world
  await page.goto(`/worlds/${state.worldId}`);
  await page.getByRole('heading', { name: 'This world does not exist' }).waitFor();
});

step('the second user can read the shared world but not edit it', async () => {
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(friend.username);
  await page.getByLabel('Password').fill(friend.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/worlds');
  await page.goto(`/worlds/${state.worldId}`);
  await page.getByRole('heading', { level: 1, name: 'Eldoria' }).waitFor();
  await page.getByText(/read-only/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Edit world' }).count(), 0);
  assert.equal(await page.getByRole('tab', { name: 'Sharing' }).count(), 0);
  await page.getByRole('link', { name: /The Lantern Road/ }).waitFor();
  await page.getByRole('tab', { name: 'Characters' }).click();
  await page.getByRole('heading', { name: 'Mira Thornwood', exact: true }).waitFor();
  assert.equal(await page.getByRole('form', { name: 'New character' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Edit / }).count(), 0);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.locator('.timeline-event').first().waitFor();
  assert.equal(await page.getByRole('button', { name: /^Edit event/ }).count(), 0);
  // the story page offers no editing tools either
  await page.goto(`/stories/${state.storyId}`);
  await page.getByRole('heading', { level: 1, name: 'The Lantern Road' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Edit story' }).count(), 0);
  assert.equal(await page.getByRole('region', { name: 'AI tools' }).count(), 0);
  // and the API refuses a write with the friend's token
  const write = await api(backend.url, 'PATCH', `/worlds/${state.worldId}`, { name: 'Hijacked' }, state.friendToken);
  assert.ok([403, 404].includes(write.status), `write answered ${write.status}`);
});

step('the second user logs out', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL('**/login');
  await page.getByRole('button', { name: 'Log in' }).waitFor();
});
