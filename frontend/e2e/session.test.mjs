// End-to-end: the session ends while a story is being written (the password is changed from another
// session, through the API, so the page's token stops working). The sign-in dialog opens over the
// form, and after signing in the story is saved with what was typed. A session that ends on a page
// without unsaved input leads to the login page, and back. Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';
import { editorText } from './lib/editor.mjs';

const suite = liveSuite();

/** A writer with a world, signed in through the API. */
async function writer(name) {
  const account = { username: name, email: `${name}@example.com`, password: 'first-password-1' };
  const reg = await api(suite.backend.url, 'POST', '/auth/register', account);
  assert.equal(reg.status, 201, JSON.stringify(reg.data));
  const world = (await api(suite.backend.url, 'POST', '/worlds', { name: 'Quần đảo Sương Mù', world_type: 'fantasy', visibility: 'private' }, reg.data.token)).data;
  return { ...account, token: reg.data.token, firstToken: reg.data.token, world };
}

/** "Another session" changes the password: every older token, the page's included, stops working. */
let changes = 0;
async function endSessionElsewhere(w) {
  const next = `changed-password-${++changes}`;
  const res = await api(suite.backend.url, 'POST', '/auth/change-password', { old_password: w.password, new_password: next }, w.token);
  assert.equal(res.status, 200, JSON.stringify(res.data));
  w.password = next;
  w.token = res.data.token;
  assert.equal((await api(suite.backend.url, 'GET', '/auth/me', undefined, w.firstToken)).status, 401);
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: the session ends while a new story is written; signing in in the dialog saves it with the typed text`, { timeout: 90000 }, async () => {
    const w = await writer(`mira_${viewport}`);
    const context = await signedInContext(suite.browser, suite.backend.url, size, w.token);
    const page = await context.newPage();
    const title = 'Chuyện của người giữ ngọn hải đăng cuối cùng trên quần đảo Sương Mù';
    const text = 'Mira rời ngọn hải đăng lúc bình minh.\n\nỞ bến cảng Saltmarsh, thuyền trưởng Oren Vale kể rằng các vị thần biển đang thức giấc.';
    await guarded(page, `${viewport}-session-expired`, async () => {
      await page.goto(`/stories/new?world_id=${w.world.world_id}`);
      const form = page.getByRole('form', { name: 'New story' });
      await form.getByLabel('Title', { exact: true }).fill(title);
      await form.getByLabel('Story text', { exact: true }).fill(text);

      await endSessionElsewhere(w);
      await form.getByRole('button', { name: 'Create story' }).click();

      const dialog = page.getByRole('dialog', { name: 'Sign in again' });
      await dialog.waitFor();
      assert.equal(await dialog.getByLabel('Account').inputValue(), w.username);
      // the form is still there behind the dialog, with what was typed
      assert.equal(await editorText(form.getByLabel('Story text', { exact: true })), text);
      assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('type')), 'password');
      await snap(page, `${viewport}-signin-dialog`);

      await dialog.getByLabel('Password').fill('wrong-password');
      await dialog.getByRole('button', { name: 'Sign in and continue' }).click();
      await dialog.getByRole('alert').waitFor();
      await snap(page, `${viewport}-signin-dialog-error`);
      await dialog.getByLabel('Password').fill(w.password);
      await dialog.getByRole('button', { name: 'Sign in and continue' }).click();

      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await dialog.waitFor({ state: 'detached' });
      const found = await api(suite.backend.url, 'GET', `/stories?world_id=${w.world.world_id}`, undefined, w.token);
      assert.equal(found.status, 200);
      assert.equal(found.data.length, 1);
      assert.equal(found.data[0].title, title);
      assert.equal(found.data[0].content, text);
      assert.match(page.url(), new RegExp(`/stories/${found.data[0].story_id}$`));
    });
    await context.close();
  });

  test(`${viewport}: the session ends while a story is edited; the edit is saved after signing in, on the same page`, { timeout: 90000 }, async () => {
    const w = await writer(`oren_${viewport}`);
    const story = (await api(suite.backend.url, 'POST', '/stories', { world_id: w.world.world_id, title: 'Bến cảng', content: 'Ngày đầu.' }, w.token)).data.story;
    const context = await signedInContext(suite.browser, suite.backend.url, size, w.token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-session-expired-edit`, async () => {
      await page.goto(`/stories/${story.story_id}`);
      await page.getByRole('button', { name: 'Edit story' }).click();
      const form = page.getByRole('form', { name: 'Edit story' });
      await form.getByLabel('Story text', { exact: true }).fill('Ngày thứ hai: bão đến từ phía đông.');
      await endSessionElsewhere(w);
      await form.getByRole('button', { name: 'Save story' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign in again' });
      await dialog.getByLabel('Password').fill(w.password);
      await dialog.getByLabel('Password').press('Enter');
      await page.getByText('Ngày thứ hai: bão đến từ phía đông.').waitFor();
      await form.waitFor({ state: 'detached' });
      assert.match(page.url(), new RegExp(`/stories/${story.story_id}$`));
      const saved = await api(suite.backend.url, 'GET', `/stories/${story.story_id}`, undefined, w.token);
      assert.equal(saved.data.content, 'Ngày thứ hai: bão đến từ phía đông.');
    });
    await context.close();
  });

  test(`${viewport}: a session that ends on a page with nothing unsaved leads to the login page, and back`, { timeout: 90000 }, async () => {
    const w = await writer(`ilse_${viewport}`);
    const context = await signedInContext(suite.browser, suite.backend.url, size, w.token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-session-expired-login`, async () => {
      await page.goto(`/worlds/${w.world.world_id}?tab=characters`);
      await page.getByRole('heading', { level: 1, name: 'Quần đảo Sương Mù' }).waitFor();
      await endSessionElsewhere(w);
      await page.getByRole('tab', { name: 'Locations' }).click(); // its list is read with the dead token
      await page.waitForURL(/\/login\?next=/);
      await page.getByRole('status').filter({ hasText: 'Your session ended — sign in again.' }).waitFor();
      await snap(page, `${viewport}-login-session-ended`);
      assert.equal(await page.getByLabel('Username or email').inputValue(), w.username); // who was signed in
      await page.getByLabel('Password').fill(w.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`**/worlds/${w.world.world_id}?tab=locations`);
      await page.getByRole('heading', { level: 1, name: 'Quần đảo Sương Mù' }).waitFor();
      await page.getByRole('tab', { name: 'Locations', selected: true }).waitFor();

      // a reload with a dead token: the app cannot tell who it was, but says why and comes back
      const token = await page.evaluate(() => localStorage.getItem('worldsmith_token'));
      w.firstToken = token;
      w.token = token;
      await endSessionElsewhere(w);
      await page.reload();
      await page.waitForURL(/\/login\?next=/);
      await page.getByRole('status').filter({ hasText: 'Your session ended — sign in again.' }).waitFor();
      await page.getByLabel('Username or email').fill(w.email);
      await page.getByLabel('Password').fill(w.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`**/worlds/${w.world.world_id}?tab=locations`);
    });
    await context.close();
  });
}

test('the login page goes back only to a page of this site', { timeout: 60000 }, async () => {
  const w = await writer('borin');
  const context = await signedInContext(suite.browser, suite.backend.url, VIEWPORTS[0][1], null);
  const page = await context.newPage();
  await guarded(page, 'login-next-offsite', async () => {
    await page.goto('/login?next=//evil.example/steal');
    await page.getByLabel('Username or email').fill(w.username);
    await page.getByLabel('Password').fill(w.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${suite.backend.url}/worlds`);
  });
  await context.close();
});
