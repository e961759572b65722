// End-to-end: what is typed survives a closed tab. A story edited and a world being created are
// left without saving (the tab is closed); a new tab offers the draft, restores it, and it saves.
// Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';
import { editorText } from './lib/editor.mjs';

const suite = liveSuite();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: a story edit left in a closed tab is offered in a new tab, restored and saved`, { timeout: 90000 }, async () => {
    const reg = await api(suite.backend.url, 'POST', '/auth/register', { username: `ayla_${viewport}`, email: `ayla_${viewport}@example.com`, password: 'draft-password-1' });
    const token = reg.data.token;
    const world = (await api(suite.backend.url, 'POST', '/worlds', { name: 'Đảo Sương Mù', world_type: 'fantasy' }, token)).data;
    const story = (await api(suite.backend.url, 'POST', '/stories', { world_id: world.world_id, title: 'Ngọn hải đăng', content: 'Chương một.' }, token)).data.story;
    const typed = 'Chương một.\n\nMira thắp ngọn đèn cuối cùng; ngoài khơi, tiếng chuông của những con tàu đắm vọng về.';
    const context = await signedInContext(suite.browser, suite.backend.url, size, token);

    const first = await context.newPage();
    await guarded(first, `${viewport}-draft-type`, async () => {
      await first.goto(`/stories/${story.story_id}`);
      await first.getByRole('button', { name: 'Edit story' }).click();
      await first.getByRole('form', { name: 'Edit story' }).getByLabel('Story text', { exact: true }).fill(typed);
      await sleep(900); // the draft is written 500 ms after the last keystroke; then the tab goes, unsaved
    });
    await first.close();
    assert.equal((await api(suite.backend.url, 'GET', `/stories/${story.story_id}`, undefined, token)).data.content, 'Chương một.');

    const page = await context.newPage();
    await guarded(page, `${viewport}-draft-restore`, async () => {
      await page.goto(`/stories/${story.story_id}`);
      await page.getByRole('button', { name: 'Edit story' }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      const offer = form.getByRole('status').filter({ hasText: /Restore your unsaved draft from .+\?/ });
      await offer.waitFor();
      assert.equal(await editorText(form.getByLabel('Story text', { exact: true })), 'Chương một.');
      await snap(page, `${viewport}-draft-offer`);
      await offer.getByRole('button', { name: 'Restore' }).click();
      await offer.waitFor({ state: 'detached' });
      assert.equal(await editorText(form.getByLabel('Story text', { exact: true })), typed);
      await form.getByRole('button', { name: 'Save story' }).click();
      await form.waitFor({ state: 'detached' });
      await page.getByText('Mira thắp ngọn đèn cuối cùng', { exact: false }).waitFor();
      assert.equal((await api(suite.backend.url, 'GET', `/stories/${story.story_id}`, undefined, token)).data.content, typed);
      // saved: the draft is gone, so the form opens without an offer
      await page.getByRole('button', { name: 'Edit story' }).click();
      await form.getByLabel('Story text', { exact: true }).waitFor();
      assert.equal(await form.getByRole('status').filter({ hasText: 'Restore your unsaved draft' }).count(), 0);
      assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('worldsmith_draft:')).length), 0);
    });
    await context.close();
  });

  test(`${viewport}: a new world's name and description survive a closed tab; Discard drops them`, { timeout: 90000 }, async () => {
    const reg = await api(suite.backend.url, 'POST', '/auth/register', { username: `oren_${viewport}`, email: `oren_${viewport}@example.com`, password: 'draft-password-2' });
    const context = await signedInContext(suite.browser, suite.backend.url, size, reg.data.token);
    const first = await context.newPage();
    const name = 'Vương quốc Thủy Tinh dưới lòng biển sâu của những vị thần đang ngủ';
    await guarded(first, `${viewport}-world-draft-type`, async () => {
      await first.goto('/worlds?new=1');
      const form = first.getByRole('form', { name: 'New world' });
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('Description', { exact: true }).fill('Những thành phố pha lê, nơi ánh sáng không bao giờ tắt.');
      await sleep(900);
    });
    await first.close();

    const page = await context.newPage();
    await guarded(page, `${viewport}-world-draft-restore`, async () => {
      await page.goto('/worlds?new=1');
      const form = page.getByRole('form', { name: 'New world' });
      const offer = form.getByRole('status').filter({ hasText: 'Restore your unsaved draft' });
      await offer.getByText(name, { exact: false }).waitFor();
      await snap(page, `${viewport}-world-draft-offer`);
      await offer.getByRole('button', { name: 'Restore' }).click();
      assert.equal(await form.getByLabel('Name', { exact: true }).inputValue(), name);
      await form.getByRole('button', { name: 'Create world' }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();

      // a draft discarded is gone
      await page.goto('/worlds?new=1');
      await page.getByRole('form', { name: 'New world' }).getByLabel('Name', { exact: true }).fill('Tạm bỏ');
      await sleep(900);
      await page.reload();
      const again = page.getByRole('form', { name: 'New world' }).getByRole('status').filter({ hasText: 'Restore your unsaved draft' });
      await again.getByRole('button', { name: 'Discard' }).click();
      await again.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByRole('form', { name: 'New world' }).getByLabel('Name', { exact: true }).waitFor();
      assert.equal(await page.getByRole('form', { name: 'New world' }).getByRole('status').count(), 0);
    });
    await context.close();
  });
}
