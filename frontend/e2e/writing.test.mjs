// End-to-end: the editor's AI writing tools with the offline provider, streamed word by word
// (the e2e backend sets OFFLINE_STREAM_DELAY). A writer selects a paragraph of a chapter, runs
// Rephrase (Ctrl+J on the desktop, the toolbar's AI button on the phone), watches the tidied text
// arrive in the preview in several steps, reads the offline notice and "What the AI saw", accepts:
// the paragraph is replaced, one Ctrl+Z brings the original back, a redo the new text, and the
// autosave stores it. On the phone the preview is a bottom sheet that leaves the selection in view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { editorText } from './lib/editor.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();

const OPENING = 'The storm came in the night.';
// typography the offline "rephrase" tidies: doubled spaces and words, space before a comma, none after it, "..." and straight quotes
const PARAGRAPH =
  'Mira  lit the the lamp ,and walked down to the harbour ... She said "wait for me" to Oren ,who was mending the the nets by the old stone wall while the gulls cried over the grey water and the boats knocked together in the dark .';
const CONTENT = `${OPENING}\n\n${PARAGRAPH}`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: select a paragraph, Rephrase, watch it stream, accept, undo in one step, autosaved`, { timeout: 120000 }, async () => {
    const { url } = suite.backend;
    const reg = await api(url, 'POST', '/auth/register', { username: `mira_${viewport}`, email: `mira_${viewport}@example.com`, password: 'writing-password-1' });
    const token = reg.data.token;
    const world = (await api(url, 'POST', '/worlds', { name: 'The Grey Harbour', world_type: 'fantasy' }, token)).data;
    await api(url, 'POST', `/worlds/${world.world_id}/entities`, { name: 'Oren', entity_type: 'character', description: 'A net-mender of the harbour.' }, token);
    const story = (await api(url, 'POST', '/stories', { world_id: world.world_id, title: 'Chapter one', content: CONTENT }, token)).data.story;
    const path = `/stories/${story.story_id}`;
    const stored = async () => (await api(url, 'GET', path, undefined, token)).data;
    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();

    await guarded(page, `${viewport}-writing-rephrase`, async () => {
      await page.goto(path);
      await page.getByRole('button', { name: 'Edit story' }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      const text = form.getByRole('textbox', { name: 'Story text', exact: true });
      await text.click();
      // the paragraph: the start of its line (two lines down), to the end of the text
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Home');
      await page.keyboard.press('Control+Shift+End');
      assert.equal(await page.evaluate(() => String(window.getSelection())), PARAGRAPH);

      // every text the preview shows, in order, from before the job starts
      await page.evaluate(() => {
        window.__aiSeen = [];
        new MutationObserver(() => {
          const el = document.querySelector('.ai-text');
          const t = el ? el.textContent : null;
          if (t && window.__aiSeen[window.__aiSeen.length - 1] !== t) window.__aiSeen.push(t);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });

      if (viewport === 'desktop') {
        await page.keyboard.press('Control+j');
      } else {
        await form.getByRole('button', { name: 'AI', exact: true }).click();
      }
      const menu = page.getByRole('menu');
      await menu.waitFor();
      await snap(page, `${viewport}-writing-menu`);
      await menu.getByRole('menuitem', { name: /^Rephrase/ }).click();

      const panel = page.getByRole('region', { name: 'AI: Rephrase' });
      await panel.waitFor();
      const preview = panel.getByLabel('Suggested text');
      // arriving: some text, not all of it, Stop offered, Accept not yet
      await page.waitForFunction(() => (window.__aiSeen || []).length >= 2);
      await panel.getByRole('button', { name: 'Stop' }).waitFor();
      assert.equal(await panel.getByRole('button', { name: 'Accept' }).isDisabled(), true);
      await snap(page, `${viewport}-writing-streaming`);
      // on the phone, a bottom sheet that leaves the paragraph above it (checked again once the text is all there)
      const sheetLeavesParagraph = async () => {
        const box = await panel.boundingBox();
        assert.ok(box.y + box.height >= size.height - 2, 'the sheet sits at the bottom of the screen');
        const marked = await page.evaluate(() => {
          const rects = [...document.querySelectorAll('.cm-ai-target')].map((el) => el.getBoundingClientRect());
          return rects.length ? { top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)) } : null;
        });
        assert.ok(marked, 'the paragraph being rephrased is marked');
        assert.ok(marked.top >= 0 && marked.bottom <= box.y, `the sheet (top ${box.y}) covers the paragraph (${marked.top}–${marked.bottom})`);
      };
      if (viewport === 'phone') await sheetLeavesParagraph();

      await panel.getByRole('status').filter({ hasText: /^Finished/ }).waitFor({ timeout: 30000 });
      const result = await preview.textContent();
      const seen = await page.evaluate(() => window.__aiSeen);
      assert.ok(seen.length >= 4, `only ${seen.length} states of the text were seen: ${JSON.stringify(seen)}`);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i].startsWith(seen[i - 1]) && seen[i].length > seen[i - 1].length, 'the text only grows');
      assert.equal(seen[seen.length - 1], result);
      assert.match(result, /^Mira lit the lamp, and walked down to the harbour… She said “wait for me” to Oren, who was mending the nets/);
      assert.doesNotMatch(result, /the the| ,|\s{2}/);
      if (viewport === 'phone') await sheetLeavesParagraph();

      // said plainly: offline, what it can and cannot do; what the AI was given
      await panel.getByText(/Offline mode: no language model is set up/).waitFor();
      await panel.getByText('What the AI saw').click();
      // Oren, named in the paragraph, went with the job
      const oren = panel.locator('.ai-context li', { hasText: 'Oren' });
      await oren.waitFor();
      assert.match(await oren.textContent(), /Oren\s*entry — named in the text/);
      await snap(page, `${viewport}-writing-finished`);

      await panel.getByRole('button', { name: 'Accept' }).click();
      await panel.waitFor({ state: 'detached' });
      const accepted = `${OPENING}\n\n${result}`;
      assert.equal(await editorText(text), accepted);
      await snap(page, `${viewport}-writing-accepted`);

      // one undo step: the original paragraph, whole
      await page.keyboard.press('Control+z');
      assert.equal(await editorText(text), CONTENT);
      await snap(page, `${viewport}-writing-undone`);
      await page.keyboard.press('Control+Shift+z');
      assert.equal(await editorText(text), accepted);

      // the autosave stores the accepted text
      let saved = null;
      for (let i = 0; i < 60 && saved !== accepted; i++) {
        await sleep(250);
        saved = (await stored()).content;
      }
      assert.equal(saved, accepted);
      await form.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor({ timeout: 10000 });
    });
    await context.close();
  });
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: Stop cancels a streaming job and keeps what arrived; Describe from fields fills an entry's description (Vietnamese)`, { timeout: 120000 }, async () => {
    const { url } = suite.backend;
    const reg = await api(url, 'POST', '/auth/register', { username: `an_${viewport}`, email: `an_${viewport}@example.com`, password: 'writing-password-1' });
    const token = reg.data.token;
    const world = (await api(url, 'POST', '/worlds', { name: 'Bến Sương', world_type: 'fantasy', language: 'vi' }, token)).data;
    const wid = world.world_id;
    const an = (await api(url, 'POST', `/worlds/${wid}/entities`, { name: 'Nguyễn Văn An', entity_type: 'character', aliases: ['An'], description: 'Người vá lưới ở bến cảng.' }, token)).data;
    const anId = an.entity_id || an.id;
    // a long selection: at 0.05 s a word it streams for seconds, time enough to stop it
    const long = Array.from({ length: 12 }, (_, i) => `Câu thứ ${i + 1} kể về  bến cảng ,nơi An vá lưới suốt đêm dài .`).join(' ');
    const story = (await api(url, 'POST', '/stories', { world_id: wid, title: 'Chương một', content: long }, token)).data.story;
    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();

    await guarded(page, `${viewport}-writing-stop`, async () => {
      await page.goto(`/stories/${story.story_id}`);
      await page.getByRole('button', { name: 'Edit story' }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      const text = form.getByRole('textbox', { name: 'Story text', exact: true });
      await text.click();
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Control+j');
      await page.getByRole('menu').getByRole('menuitem', { name: /^Rephrase/ }).click();
      const panel = page.getByRole('region', { name: 'AI: Rephrase' });
      const preview = panel.getByLabel('Suggested text');
      await page.waitForFunction(() => {
        const el = document.querySelector('.ai-text');
        return el && el.textContent.split(' ').length >= 6;
      });
      await panel.getByRole('button', { name: 'Stop' }).click();
      await panel.getByRole('status').filter({ hasText: /^Stopped/ }).waitFor();
      const kept = await preview.textContent();
      assert.ok(kept.length > 0 && kept.length < long.length, 'part of the text arrived');
      // the job itself ends cancelled (the panel says Stopped at once; the cancel request may
      // still be on its way, so look again for a few seconds)
      let job;
      for (let tries = 0; tries < 50; tries += 1) {
        const tasks = (await api(url, 'GET', '/gpt/tasks', undefined, token)).data;
        job = (Array.isArray(tasks) ? tasks : tasks.items || []).find((t) => t.task_type === 'writing' || t.type === 'writing');
        if (job && job.status !== 'pending' && job.status !== 'processing') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(job, 'the writing job is listed');
      assert.equal(job.status, 'cancelled');
      await snap(page, `${viewport}-writing-stopped`);
      await panel.getByRole('button', { name: 'Discard' }).click();
      await panel.waitFor({ state: 'detached' });
      assert.equal(await editorText(text), long);
    });

    await guarded(page, `${viewport}-writing-describe`, async () => {
      await page.goto(`/worlds/${wid}/entries/${anId}`);
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      const form = page.getByRole('form', { name: 'Edit Nguyễn Văn An' });
      await form.getByRole('button', { name: 'Describe from fields' }).click();
      const panel = form.getByRole('region', { name: 'AI: Describe from fields' });
      await panel.getByRole('status').filter({ hasText: /^Finished/ }).waitFor({ timeout: 30000 });
      const written = await panel.getByLabel('Suggested text').textContent();
      assert.match(written, /^Nguyễn Văn An là .* trong thế giới này\. Còn được gọi là An\./);
      await panel.getByText(/Chế độ ngoại tuyến/).waitFor();
      await snap(page, `${viewport}-writing-describe`);
      await panel.getByRole('button', { name: 'Accept' }).click();
      assert.equal(await form.getByRole('textbox', { name: 'Description' }).inputValue(), written);
      await form.getByRole('button', { name: 'Save', exact: true }).click();
      await form.waitFor({ state: 'detached' });
      const saved = (await api(url, 'GET', `/worlds/${wid}/entries/${anId}`, undefined, token)).data;
      assert.equal((saved.entry || saved).description, written);
    });
    await context.close();
  });
}
