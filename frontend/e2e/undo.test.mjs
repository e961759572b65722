// End-to-end: deleting is undoable. A deleted story comes back with "Undo" and is in its world's
// list again; a deleted character is restored from the Trash page (under the menu). Desktop and
// phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: a deleted story is restored with "Undo" and is back in the list`, { timeout: 90000 }, async () => {
    const reg = await api(suite.backend.url, 'POST', '/auth/register', { username: `ayla_${viewport}`, email: `ayla_${viewport}@example.com`, password: 'undo-password-1' });
    const token = reg.data.token;
    const world = (await api(suite.backend.url, 'POST', '/worlds', { name: 'Đảo Sương Mù', world_type: 'fantasy' }, token)).data;
    const title = 'Truyền thuyết về ngọn hải đăng cuối cùng của quần đảo Sương Mù và những vị thần biển đang thức giấc';
    const story = (await api(suite.backend.url, 'POST', '/stories', { world_id: world.world_id, title, content: 'Mira rời đảo.' }, token)).data.story;
    const context = await signedInContext(suite.browser, suite.backend.url, size, token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-undo-story`, async () => {
      await page.goto(`/stories/${story.story_id}`);
      await page.getByRole('button', { name: 'Delete story' }).click();
      await page.getByRole('button', { name: 'Yes, delete' }).click();
      await page.waitForURL(`**/worlds/${world.world_id}`);
      await page.getByText('No stories in this world yet.').waitFor();
      assert.equal((await api(suite.backend.url, 'GET', `/stories/${story.story_id}`, undefined, token)).status, 404);

      const notices = page.getByRole('list', { name: 'Notifications' });
      await notices.getByText(`Deleted “${title}”`).waitFor();
      await snap(page, `${viewport}-undo-toast`);
      await notices.getByRole('button', { name: 'Undo' }).click();
      await notices.getByText(`Restored “${title}”`).waitFor();
      await page.getByRole('link', { name: title }).waitFor(); // back in the world's list
      await snap(page, `${viewport}-undo-restored`);
      assert.equal((await api(suite.backend.url, 'GET', `/stories/${story.story_id}`, undefined, token)).status, 200);
      await page.goto(`/stories?world_id=${world.world_id}`);
      await page.getByRole('link', { name: title }).waitFor();
    });
    await context.close();
  });

  test(`${viewport}: a deleted character is restored from the Trash page`, { timeout: 90000 }, async () => {
    const reg = await api(suite.backend.url, 'POST', '/auth/register', { username: `oren_${viewport}`, email: `oren_${viewport}@example.com`, password: 'undo-password-2' });
    const token = reg.data.token;
    const world = (await api(suite.backend.url, 'POST', '/worlds', { name: 'Vương quốc Thủy Tinh', world_type: 'fantasy' }, token)).data;
    const name = 'Nguyễn Thị Ánh Tuyết, người giữ đèn';
    await api(suite.backend.url, 'POST', `/worlds/${world.world_id}/entities`, { name, description: 'Bà nghe được tiếng các vị thần.' }, token);
    const context = await signedInContext(suite.browser, suite.backend.url, size, token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-trash-page`, async () => {
      await page.goto(`/worlds/${world.world_id}?tab=characters`);
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByText('No characters yet.').waitFor();
      await page.getByRole('list', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss' }).click();

      if (viewport === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trash' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor();
      const item = page.getByRole('listitem').filter({ hasText: name });
      await item.getByText('Character').waitFor();
      await snap(page, `${viewport}-trash-page`);
      await item.getByRole('button', { name: `Restore ${name}` }).click();
      const done = page.getByRole('status').filter({ hasText: `Restored “${name}”.` });
      await done.waitFor();
      await page.getByText('The trash is empty.').waitFor();
      await done.getByRole('link', { name: 'Open it' }).click();
      await page.getByRole('heading', { name, exact: true }).waitFor();
      const chars = await api(suite.backend.url, 'GET', `/worlds/${world.world_id}/characters`, undefined, token);
      assert.deepEqual(chars.data.map((c) => c.name), [name]);
    });
    await context.close();
  });
}
