// End-to-end: the consistency check. A world with Mara (on the phone, a Vietnamese world with Trần
// Thị Mai); chapter one of a book says she died at the ford (its events extracted offline: "Mara
// died at the ford" on the timeline); in chapter two she walks to the well. The writer runs the check on chapter two, sees the finding with the quote and
// a link to the death event, selects the quote in the editor, dismisses the finding, runs the
// check again, and it stays dismissed (listed under "Show dismissed"). Then an administrator sees
// the AI card (the offline provider) and tests the connection. Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';
import { contrastProblems } from './lib/contrast.mjs';

const ADMIN = { username: 'root_admin', email: 'root@example.com', password: 'admin-password-1' };
const suite = liveSuite({ env: { INITIAL_ADMIN_USERNAME: ADMIN.username, INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password } });

// the same story in each language: who, the chapter that kills her, the chapter where she acts, the quote
const CASES = {
  desktop: {
    language: 'en',
    name: 'Mara',
    death: 'In the year 1203, Mara died at the ford.',
    later: 'Mara walked to the well and drew water. The river was high that spring.',
    quote: 'Mara walked to the well and drew water.',
  },
  phone: {
    language: 'vi',
    name: 'Trần Thị Mai',
    death: 'Năm 1203, Trần Thị Mai qua đời ở bến sông.',
    later: 'Trần Thị Mai đi ra giếng múc nước. Mùa xuân năm ấy nước sông dâng cao.',
    quote: 'Trần Thị Mai đi ra giếng múc nước.',
  },
};

/** Polls a task until it ends; its final answer. */
async function settled(url, token, taskId) {
  for (let i = 0; i < 200; i++) {
    const { data } = await api(url, 'GET', `/gpt/results/${taskId}`, undefined, token);
    if (['completed', 'error', 'cancelled'].includes(data.status)) return data;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${taskId} did not end`);
}

/** A world with her, a book whose first chapter kills her (events extracted), and the second chapter. */
async function canon(url, token, tag, c) {
  const world = (await api(url, 'POST', '/worlds', { name: `The Ford ${tag}`, world_type: 'fantasy', language: c.language }, token)).data;
  const mara = (await api(url, 'POST', `/worlds/${world.world_id}/entities`, { name: c.name, entity_type: 'character' }, token)).data;
  const book = (await api(url, 'POST', `/worlds/${world.world_id}/books`, { title: 'The Ford' }, token)).data;
  const first = (await api(url, 'POST', `/books/${book.book_id}/chapters`, { title: 'The ford', content: c.death }, token)).data.story;
  const second = (await api(url, 'POST', `/books/${book.book_id}/chapters`, { title: 'Spring', content: c.later }, token)).data.story;
  const started = await api(url, 'POST', `/stories/${first.story_id}/events/extract`, {}, token);
  assert.equal(started.status, 202, JSON.stringify(started.data));
  const done = await settled(url, token, started.data.task_id);
  assert.equal(done.status, 'completed', JSON.stringify(done));
  const death = done.result.events.find((e) => /died|qua đời/.test(e.title));
  assert.ok(death, `no death event: ${JSON.stringify(done.result.events)}`);
  return { world, mara, first, second, death };
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport} (${CASES[viewport].language}): a check finds her acting after her death, links the event; a dismissal survives a re-run`, { timeout: 180000 }, async () => {
    const { url } = suite.backend;
    const reg = await api(url, 'POST', '/auth/register', { username: `vera_${viewport}`, email: `vera_${viewport}@example.com`, password: 'check-password-1' });
    const token = reg.data.token;
    const c = CASES[viewport];
    const QUOTE = c.quote;
    const { world, mara, second, death } = await canon(url, token, viewport, c);
    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();
    const panel = page.getByRole('region', { name: 'Check consistency' });

    await guarded(page, `${viewport}-check-run`, async () => {
      await page.goto(`/stories/${second.story_id}`);
      await panel.getByText('No open findings.').waitFor();
      await panel.getByRole('button', { name: 'Check consistency' }).click();
      await panel.getByRole('status').filter({ hasText: '1 possible problem to look at.' }).waitFor({ timeout: 30000 });
      const group = panel.getByRole('region', { name: /Contradictions/ });
      const item = group.getByRole('listitem');
      await item.getByText(new RegExp(`${c.name} appears here after their death`)).waitFor();
      await item.getByRole('button', { name: `Select in the text: “${QUOTE}”` }).waitFor();
      const link = item.getByRole('link', { name: death.title });
      assert.equal(await link.getAttribute('href'), `/worlds/${world.world_id}?tab=timeline#event-${death.event_id}`);
      assert.equal(await item.getByRole('link', { name: c.name, exact: true }).getAttribute('href'), `/worlds/${world.world_id}/entries/${mara.entity_id || mara.id}`);
      await item.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-check-finding`);
      // readable in both themes (the System choice follows the browser's scheme)
      assert.deepEqual(await contrastProblems(page), []);
      await page.emulateMedia({ colorScheme: 'dark' });
      assert.deepEqual(await contrastProblems(page), []);
      await snap(page, `${viewport}-check-finding-dark`);
      await page.emulateMedia({ colorScheme: 'light' });
    });

    await guarded(page, `${viewport}-check-select`, async () => {
      // the quote opens the editor and selects its words
      await panel.getByRole('button', { name: `Select in the text: “${QUOTE}”` }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      await form.getByRole('textbox', { name: 'Story text', exact: true }).waitFor();
      await page.waitForFunction((q) => String(document.getSelection()) === q, QUOTE);
      await snap(page, `${viewport}-check-selected`);
      // the selection alone: the same finding (offsets agree between the editor and the API)
      await panel.getByRole('radio', { name: 'Selected text' }).check();
      const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/stories/${second.story_id}/checks`));
      await panel.getByRole('button', { name: 'Check consistency' }).click();
      assert.deepEqual((await sent).postDataJSON(), { start: 0, end: [...QUOTE].length });
      await panel.getByRole('status').filter({ hasText: '1 possible problem to look at.' }).waitFor({ timeout: 30000 });
      await panel.getByRole('radio', { name: 'Whole chapter' }).check();
    });

    await guarded(page, `${viewport}-check-dismiss`, async () => {
      await panel.getByRole('region', { name: /Contradictions/ }).getByRole('button', { name: 'Dismiss' }).click();
      await panel.getByText('No open findings.').waitFor();
      const dismissed = await api(url, 'GET', `/stories/${second.story_id}/findings?status=dismissed`, undefined, token);
      assert.equal(dismissed.data.findings.length, 1);

      // run again: it stays dismissed
      await panel.getByRole('button', { name: 'Check consistency' }).click();
      await panel.getByRole('status').filter({ hasText: 'No open problems found. 1 finding you dismissed stayed dismissed.' }).waitFor({ timeout: 30000 });
      assert.equal(await panel.getByRole('region', { name: /Contradictions/ }).count(), 0);
      const open = await api(url, 'GET', `/stories/${second.story_id}/findings`, undefined, token);
      assert.deepEqual(open.data.findings, []);

      await panel.getByRole('checkbox', { name: 'Show dismissed' }).check();
      const shelf = panel.getByRole('region', { name: /Dismissed/ });
      const item = shelf.getByRole('listitem');
      await item.getByText(new RegExp(`${c.name} appears here after their death`)).waitFor();
      await item.getByRole('button', { name: 'Reopen' }).waitFor();
      await item.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-check-dismissed`);
    });

    await guarded(page, `${viewport}-check-event`, async () => {
      // the cited event on the timeline (leave the editor first: nothing was changed)
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await panel.getByRole('checkbox', { name: 'Show dismissed' }).check();
      await panel.getByRole('region', { name: /Dismissed/ }).getByRole('link', { name: death.title }).click();
      await page.waitForURL(`**/worlds/${world.world_id}?tab=timeline#event-${death.event_id}`);
      await page.locator(`#event-${death.event_id}.is-target`).waitFor();
      await snap(page, `${viewport}-check-timeline`);
    });

    await guarded(page, `${viewport}-usage-and-model`, async () => {
      // the jobs show on the dashboard (offline: no tokens, so no column of zeros)
      await page.goto('/');
      const usage = page.getByRole('region', { name: 'AI usage' });
      await usage.getByText('None: the jobs ran on the offline helper').waitFor();
      await usage.getByRole('link', { name: world.name }).waitFor();
      await usage.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-dashboard-usage`);
      // the owner's model choice, saved with the world
      await page.goto(`/worlds/${world.world_id}?tab=settings`);
      const card = page.getByRole('region', { name: 'AI model' });
      const select = card.getByLabel('Model', { exact: true });
      await select.selectOption('gpt-4o-mini');
      await card.getByRole('button', { name: 'Save model' }).click();
      await card.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      assert.equal((await api(url, 'GET', `/worlds/${world.world_id}`, undefined, token)).data.ai_model, 'gpt-4o-mini');
      await card.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-world-model`);
    });
    await context.close();
  });
}

test('admin: the AI card shows the offline provider and tests the connection', { timeout: 120000 }, async () => {
  const { url } = suite.backend;
  const login = await api(url, 'POST', '/auth/login', { username: ADMIN.username, password: ADMIN.password });
  assert.equal(login.status, 200, JSON.stringify(login.data));
  for (const [viewport, size] of VIEWPORTS) {
    const context = await signedInContext(suite.browser, url, size, login.data.token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-admin-ai`, async () => {
      await page.goto('/admin');
      const card = page.getByRole('region', { name: 'AI', exact: true });
      await card.getByText('offline', { exact: true }).first().waitFor();
      await card.getByRole('button', { name: 'Test connection' }).click();
      await card.getByRole('status').filter({ hasText: /^Connected: offline answered in \d+ ms\. No AI server is configured/ }).waitFor();
      await card.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-admin-ai`);
    });
    await context.close();
  }
});
