// End-to-end: the Markdown editor. A writer opens a chapter, writes a heading (toolbar), bold
// (Ctrl+B), a link (Ctrl+K) and a [[mention]] (completion), sees "Saved" without pressing Save,
// reloads and reads it rendered; Read shows it rendered in the form too. Then the chapter changes
// elsewhere: the next autosave meets the conflict, "Changed elsewhere" opens, and nothing of
// theirs is overwritten until the writer chooses. Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();

const EXPECTED = '## The lighthouse\n\nMira **lit** the lamp and walked to the [harbour](https://example.com/harbour). There she met [[Oren Vale]] ';

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: write a chapter with a heading, bold, a link and a mention; autosaved; reloaded and read`, { timeout: 120000 }, async () => {
    const { url } = suite.backend;
    const reg = await api(url, 'POST', '/auth/register', { username: `linh_${viewport}`, email: `linh_${viewport}@example.com`, password: 'editor-password-1' });
    const token = reg.data.token;
    const world = (await api(url, 'POST', '/worlds', { name: 'Đảo Sương Mù', world_type: 'fantasy' }, token)).data;
    const oren = (await api(url, 'POST', `/worlds/${world.world_id}/entities`, { name: 'Oren Vale', entity_type: 'character' }, token)).data;
    const story = (await api(url, 'POST', '/stories', { world_id: world.world_id, title: 'Chương một', content: '' }, token)).data.story;
    const path = `/stories/${story.story_id}`;
    const stored = async () => (await api(url, 'GET', path, undefined, token)).data;
    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();
    const mod = 'Control';

    await guarded(page, `${viewport}-editor-write`, async () => {
      await page.goto(path);
      await page.getByRole('button', { name: 'Edit story' }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      const text = form.getByRole('textbox', { name: 'Story text', exact: true });
      await text.click();
      await page.keyboard.type('The lighthouse');
      await form.getByRole('button', { name: 'Heading' }).click(); // toolbar
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Mira ');
      await page.keyboard.press(`${mod}+b`); // keyboard: an empty pair, the caret inside
      await page.keyboard.type('lit');
      await page.keyboard.press('End');
      await page.keyboard.type(' the lamp and walked to the harbour');
      for (let i = 0; i < 'harbour'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press(`${mod}+k`); // the address is selected: typing replaces it
      await page.keyboard.type('https://example.com/harbour');
      await page.keyboard.press('End');
      await page.keyboard.type('. There she met [[Or');
      const option = page.getByRole('option', { name: /Oren Vale/ });
      await option.waitFor();
      await snap(page, `${viewport}-editor-completion`);
      await page.keyboard.press('Enter');
      // the link's address is no word
      await form.getByText(`16 words · ${[...EXPECTED].length} characters`).waitFor();

      // saved by itself, over the version it opened
      await form.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor({ timeout: 10000 });
      const saved = await stored();
      assert.equal(saved.content, EXPECTED);
      assert.equal(saved.version, 2);
      await snap(page, `${viewport}-editor-saved`);

      await form.getByRole('button', { name: 'Read', exact: true }).click();
      const reading = form.getByRole('region', { name: 'Story text, as readers see it' });
      await reading.getByRole('heading', { name: 'The lighthouse' }).waitFor();
      await snap(page, `${viewport}-editor-read`);
      await form.getByRole('button', { name: 'Write', exact: true }).click();
      await form.getByRole('button', { name: 'Focus mode' }).click();
      await snap(page, `${viewport}-editor-focus`);
      await page.keyboard.press('Escape');
      assert.equal(await form.getByRole('button', { name: 'Focus mode' }).getAttribute('aria-pressed'), 'false');
    });

    await guarded(page, `${viewport}-editor-reload`, async () => {
      await page.reload();
      const article = page.locator('article.story-content');
      await article.getByRole('heading', { name: 'The lighthouse', level: 2 }).waitFor();
      assert.equal(await article.locator('strong').innerText(), 'lit');
      assert.equal(await article.getByRole('link', { name: 'harbour' }).getAttribute('href'), 'https://example.com/harbour');
      assert.equal(await article.getByRole('link', { name: 'Oren Vale' }).getAttribute('href'), `/worlds/${world.world_id}/entries/${oren.entity_id || oren.id}`);
      await snap(page, `${viewport}-editor-rendered`);
    });

    await guarded(page, `${viewport}-editor-conflict`, async () => {
      await page.getByRole('button', { name: 'Edit story' }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      const theirs = '## The lighthouse\n\nSomeone else rewrote this chapter.';
      assert.equal((await api(url, 'PATCH', path, { content: theirs }, token)).status, 200);
      const text = form.getByRole('textbox', { name: 'Story text', exact: true });
      await text.click();
      await page.keyboard.press(`${mod}+End`);
      await page.keyboard.type(' The storm came.');
      const dialog = page.getByRole('dialog', { name: 'Changed elsewhere' });
      await dialog.waitFor({ timeout: 10000 });
      assert.equal((await stored()).content, theirs); // the autosave overwrote nothing
      await snap(page, `${viewport}-editor-conflict`);
      await dialog.getByRole('button', { name: 'Keep editing' }).click();
      await form.getByRole('status').filter({ hasText: 'Changed elsewhere: not saved' }).waitFor();
      await page.keyboard.type(' Then the rain.');
      await page.waitForTimeout(3000); // more than the autosave pause: still nothing sent over theirs
      assert.equal((await stored()).content, theirs);
      assert.equal(await dialog.count(), 0);
      // saving by hand shows the versions again; "Reload theirs" keeps mine as a draft
      await form.getByRole('button', { name: 'Save story' }).click();
      await dialog.getByRole('button', { name: 'Reload theirs' }).click();
      await dialog.getByRole('button', { name: 'Yes, reload theirs' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal((await stored()).content, theirs);
      await form.getByRole('status').filter({ hasText: 'Restore your unsaved draft' }).waitFor();
    });
    await context.close();
  });
}
