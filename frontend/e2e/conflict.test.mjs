// End-to-end: a stale edit. The story changes through the API between loading the form and saving
// it; saving shows "Changed elsewhere" with both versions, and both choices work: "Overwrite with
// mine" saves mine over theirs, "Reload theirs" (after confirming) shows theirs and keeps mine as a
// draft that can be restored. The same for a character. Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';
import { editorText } from './lib/editor.mjs';

const suite = liveSuite();

const longText = (who) =>
  `Mira rời ngọn hải đăng lúc bình minh, mang theo chiếc đèn lồng cuối cùng của quần đảo.\n\n` +
  `Ở bến cảng Saltmarsh, ${who} chờ cô bên con thuyền cũ. Gió từ phía đông thổi mạnh, và những hồi chuông của các con tàu đắm vọng lên từ đáy biển.\n\n` +
  `Họ biết rằng các vị thần biển đang thức giấc.`;

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: a story changed elsewhere meanwhile: "Overwrite with mine", then "Reload theirs"`, { timeout: 90000 }, async () => {
    const reg = await api(suite.backend.url, 'POST', '/auth/register', { username: `ilse_${viewport}`, email: `ilse_${viewport}@example.com`, password: 'conflict-password-1' });
    const token = reg.data.token;
    const world = (await api(suite.backend.url, 'POST', '/worlds', { name: 'Đảo Sương Mù', world_type: 'fantasy' }, token)).data;
    const story = (await api(suite.backend.url, 'POST', '/stories', { world_id: world.world_id, title: 'Ngọn hải đăng cuối cùng', content: longText('thuyền trưởng Oren Vale') }, token)).data.story;
    const context = await signedInContext(suite.browser, suite.backend.url, size, token);
    const page = await context.newPage();
    const path = `/stories/${story.story_id}`;
    const theirEdit = (content) => api(suite.backend.url, 'PATCH', path, { content }, token);
    const stored = async () => (await api(suite.backend.url, 'GET', path, undefined, token)).data;

    await guarded(page, `${viewport}-conflict-overwrite`, async () => {
      await page.goto(path);
      await page.getByRole('button', { name: 'Edit story' }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      const mine = longText('người thợ lặn Ilse Marrow');
      await form.getByLabel('Story text', { exact: true }).fill(mine);
      assert.equal((await theirEdit(longText('bà lão bán cá'))).status, 200); // someone else saves first
      await form.getByRole('button', { name: 'Save story' }).click();

      const dialog = page.getByRole('dialog', { name: 'Changed elsewhere' });
      await dialog.waitFor();
      const text = dialog.getByRole('region', { name: 'Story text' });
      await text.getByText('Changed by you and elsewhere').waitFor();
      assert.match(await text.locator('.conflict-mine mark').innerText(), /người thợ lặn Ilse Marrow/);
      assert.match(await text.locator('.conflict-theirs mark').innerText(), /bà lão bán cá/);
      assert.equal(await dialog.getByRole('region', { name: 'Title' }).count(), 0);
      await snap(page, `${viewport}-conflict-dialog`);

      await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
      await dialog.waitFor({ state: 'detached' });
      await form.waitFor({ state: 'detached' });
      await page.getByText('người thợ lặn Ilse Marrow', { exact: false }).waitFor();
      const saved = await stored();
      assert.equal(saved.content, mine);
      assert.equal(saved.version, 3);
    });

    await guarded(page, `${viewport}-conflict-reload`, async () => {
      await page.getByRole('button', { name: 'Edit story' }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      const mine = longText('cậu bé giữ đèn');
      await form.getByLabel('Story text', { exact: true }).fill(mine);
      const theirs = longText('thuyền trưởng Oren Vale và con chó của ông');
      await theirEdit(theirs);
      await form.getByRole('button', { name: 'Save story' }).click();
      const dialog = page.getByRole('dialog', { name: 'Changed elsewhere' });
      await dialog.getByRole('button', { name: 'Reload theirs' }).click();
      const confirm = dialog.getByRole('group', { name: 'Reload theirs?' });
      await confirm.getByText('Your version stays in a local draft').waitFor();
      await snap(page, `${viewport}-conflict-confirm-reload`);
      await confirm.getByRole('button', { name: 'Yes, reload theirs' }).click();
      await dialog.waitFor({ state: 'detached' });

      // theirs in the form, nothing overwritten, mine kept as a draft
      assert.equal(await editorText(form.getByLabel('Story text', { exact: true })), theirs);
      assert.equal((await stored()).content, theirs);
      const offer = form.getByRole('status').filter({ hasText: 'Restore your unsaved draft' });
      await offer.waitFor();
      await snap(page, `${viewport}-conflict-reloaded`);
      await offer.getByRole('button', { name: 'Restore' }).click();
      assert.equal(await editorText(form.getByLabel('Story text', { exact: true })), mine);
      await form.getByRole('button', { name: 'Close' }).click();
      await page.getByText('thuyền trưởng Oren Vale và con chó của ông', { exact: false }).waitFor(); // the page shows theirs
    });
    await context.close();
  });

  test(`${viewport}: a character changed elsewhere meanwhile shows the conflict; "Overwrite with mine" saves it`, { timeout: 90000 }, async () => {
    const reg = await api(suite.backend.url, 'POST', '/auth/register', { username: `oren_${viewport}`, email: `oren_${viewport}@example.com`, password: 'conflict-password-2' });
    const token = reg.data.token;
    const world = (await api(suite.backend.url, 'POST', '/worlds', { name: 'Đảo Sương Mù', world_type: 'fantasy' }, token)).data;
    const mira = (await api(suite.backend.url, 'POST', `/worlds/${world.world_id}/entities`, { name: 'Mira Thornwood', description: 'Người giữ ngọn hải đăng.' }, token)).data;
    const context = await signedInContext(suite.browser, suite.backend.url, size, token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-conflict-character`, async () => {
      await page.goto(`/worlds/${world.world_id}?tab=characters`);
      await page.getByRole('button', { name: 'Edit Mira Thornwood' }).click();
      const form = page.getByRole('form', { name: 'Edit character' });
      await form.getByLabel('Role').fill('người dẫn đường');
      await api(suite.backend.url, 'PUT', `/worlds/${world.world_id}/entities/${mira.entity_id}`, { role: 'kẻ phản bội' }, token);
      await form.getByRole('button', { name: 'Save' }).click();
      const dialog = page.getByRole('dialog', { name: 'Changed elsewhere' });
      const role = dialog.getByRole('region', { name: 'Role' });
      await role.getByText('người dẫn đường').waitFor();
      await role.getByText('kẻ phản bội').waitFor();
      await snap(page, `${viewport}-conflict-character`);
      await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
      await dialog.waitFor({ state: 'detached' });
      await form.waitFor({ state: 'detached' });
      await page.getByTestId('character-item').getByText('người dẫn đường').waitFor();
      const saved = await api(suite.backend.url, 'GET', `/worlds/${world.world_id}/entities/${mira.entity_id}`, undefined, token);
      assert.equal(saved.data.role, 'người dẫn đường');
    });
    await context.close();
  });
}
