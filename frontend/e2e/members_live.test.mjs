// End-to-end: writing together. An owner invites a co-author by username from the world's Members
// tab; the co-author (a second browser context) names herself on her profile, finds the invitation
// behind the nav badge, accepts it and edits an entry; the owner's open entry page shows the new text
// without a reload, with a "Minh edited Mara" notice; the owner's activity tab and dashboard list it,
// and the co-author's name opens her public profile.
// Desktop and phone sizes; screenshots in e2e/artifacts/screens/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { png } from './lib/png.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();

/** Open the phone's menu when the nav is behind it. */
async function openMenu(page) {
  const toggle = page.getByRole('button', { name: 'Menu' });
  if (await toggle.isVisible()) await toggle.click();
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: an owner invites a co-author, who accepts and edits an entry the owner sees change live`, { timeout: 180000 }, async () => {
    const { url } = suite.backend;
    const password = 'room-password-1';
    const owner = await api(url, 'POST', '/auth/register', { username: `ayla_${viewport}`, email: `ayla_${viewport}@example.com`, password });
    assert.equal(owner.status, 201, JSON.stringify(owner.data));
    const coName = `Nguyễn_Minh_${viewport}`;
    const co = await api(url, 'POST', '/auth/register', { username: coName, email: `minh_${viewport}@example.com`, password });
    assert.equal(co.status, 201, JSON.stringify(co.data));
    const world = (await api(url, 'POST', '/worlds', { name: 'Eldoria', world_type: 'fantasy' }, owner.data.token)).data;
    const wid = world.world_id;
    const made = (await api(url, 'POST', `/worlds/${wid}/entities`, { name: 'Mara', entity_type: 'character', description: 'A sailor.' }, owner.data.token)).data;
    const eid = made.entity_id || made.id;

    const ownerContext = await signedInContext(suite.browser, url, size, owner.data.token);
    const coContext = await signedInContext(suite.browser, url, size, co.data.token);
    const ownerPage = await ownerContext.newPage();
    const coPage = await coContext.newPage();
    try {
      await guarded(ownerPage, `${viewport}-members-invite`, async () => {
        await ownerPage.goto(`/worlds/${wid}?tab=members`);
        const form = ownerPage.getByRole('form', { name: 'Invite someone' });
        // the name as the co-author would say it: other case, same letters
        await form.getByLabel('Username or email').fill(coName.toLowerCase());
        await form.getByLabel('Role').selectOption('co_author');
        // the exact lookup names the person before the invitation goes
        await form.getByText(`@${coName}`).waitFor();
        await snap(ownerPage, `${viewport}-members-invite-form`);
        await form.getByRole('button', { name: 'Invite' }).click();
        await form.getByRole('status').waitFor();
        assert.match(await form.getByRole('status').textContent(), /Invitation sent to .+ as co-author\./);
        await ownerPage.getByTestId('pending-invitation').waitFor();
        await snap(ownerPage, `${viewport}-members-invited`);
      });

      await guarded(coPage, `${viewport}-members-profile`, async () => {
        await coPage.goto('/profile');
        const form = coPage.getByRole('form', { name: 'Profile' });
        await form.getByLabel('Display name').fill('Minh');
        await form.getByLabel('Bio').fill('Viết truyện về biển.');
        await form.getByRole('button', { name: 'Save profile' }).click();
        await form.getByText('Profile saved.').waitFor();
        const picture = coPage.getByRole('region', { name: 'Picture' });
        await picture.getByLabel('Upload a picture').setInputFiles({ name: 'minh.png', mimeType: 'image/png', buffer: png(96) });
        await picture.locator('img.avatar').waitFor();
        await picture.getByRole('button', { name: 'Remove picture' }).waitFor();
        await snap(coPage, `${viewport}-members-profile`);
      });

      await guarded(coPage, `${viewport}-members-accept`, async () => {
        await coPage.goto('/');
        await openMenu(coPage);
        const inbox = coPage.getByRole('link', { name: 'Invitations 1 waiting' });
        await inbox.waitFor();
        await snap(coPage, `${viewport}-members-badge`);
        await inbox.click();
        const card = coPage.getByTestId('invitation');
        await card.getByText(/invites you to Eldoria as co-author/).waitFor();
        await snap(coPage, `${viewport}-members-inbox`);
        await card.getByRole('button', { name: 'Accept the invitation to Eldoria' }).click();
        await coPage.getByRole('link', { name: 'Open Eldoria' }).click();
        await coPage.getByRole('heading', { level: 1, name: 'Eldoria' }).waitFor();
        await coPage.getByText('co-author', { exact: true }).waitFor();
      });

      await guarded(ownerPage, `${viewport}-members-live`, async () => {
        const stream = ownerPage.waitForResponse((res) => res.url().includes(`/api/worlds/${wid}/live?ticket=`));
        await ownerPage.goto(`/worlds/${wid}/entries/${eid}`);
        await ownerPage.getByRole('heading', { level: 1, name: 'Mara' }).waitFor();
        await ownerPage.getByText('A sailor.').waitFor();
        assert.equal((await stream).status(), 200);
        const ticketUrl = (await stream).url();
        assert.ok(!ticketUrl.includes(owner.data.token), 'the login token never goes in a URL');
        await ownerPage.evaluate(() => {
          window.__sameDocument = true;
        });

        await coPage.goto(`/worlds/${wid}/entries/${eid}`);
        await coPage.getByRole('button', { name: 'Edit', exact: true }).click();
        const form = coPage.getByRole('form', { name: 'Edit Mara' });
        await form.getByLabel('Description').fill('A sailor who found the lighthouse.');
        await form.getByRole('button', { name: 'Save' }).click();
        await coPage.getByText('A sailor who found the lighthouse.').waitFor();

        await ownerPage.getByText('A sailor who found the lighthouse.').waitFor({ timeout: 15000 });
        await ownerPage.getByRole('list', { name: 'Notifications' }).getByText('Minh edited Mara').waitFor();
        assert.equal(await ownerPage.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
        await snap(ownerPage, `${viewport}-members-live-update`);
        await snap(coPage, `${viewport}-members-coauthor-edit`);
      });

      await guarded(ownerPage, `${viewport}-members-activity`, async () => {
        await ownerPage.goto(`/worlds/${wid}?tab=activity`);
        const edited = ownerPage.getByRole('link', { name: 'Minh edited entry “Mara”' }).first();
        await edited.waitFor();
        assert.equal(await edited.getAttribute('href'), `/worlds/${wid}/entries/${eid}`);
        await snap(ownerPage, `${viewport}-members-activity`);
        await ownerPage.goto('/');
        await ownerPage.getByRole('region', { name: 'Recent activity' }).getByRole('link', { name: 'Minh edited entry “Mara”' }).first().waitFor();
        await snap(ownerPage, `${viewport}-members-dashboard`);

        await ownerPage.goto(`/worlds/${wid}?tab=members`);
        const rows = ownerPage.getByTestId('member-row');
        await rows.nth(1).waitFor();
        assert.equal(await rows.count(), 2);
        // her picture, read with the owner's session
        await rows.nth(1).locator('img.avatar').waitFor();
        assert.ok(await rows.nth(1).locator('img.avatar').evaluate((img) => img.complete && img.naturalWidth > 0));
        await rows.nth(1).scrollIntoViewIfNeeded();
        await snap(ownerPage, `${viewport}-members-list`);
        await rows.nth(1).getByRole('link', { name: 'Minh' }).click();
        await ownerPage.getByRole('heading', { level: 1, name: 'Minh' }).waitFor();
        await ownerPage.getByText('Viết truyện về biển.').waitFor();
        await snap(ownerPage, `${viewport}-members-public-profile`);
      });
    } finally {
      await ownerContext.close();
      await coContext.close();
    }
  });
}

test('desktop: without a live stream, an open entry page catches up by polling the activity feed', { timeout: 120000 }, async () => {
  const { url } = suite.backend;
  const password = 'room-password-1';
  const owner = (await api(url, 'POST', '/auth/register', { username: 'poll_owner', email: 'poll_owner@example.com', password })).data;
  const co = (await api(url, 'POST', '/auth/register', { username: 'poll_coauthor', email: 'poll_co@example.com', password })).data;
  const wid = (await api(url, 'POST', '/worlds', { name: 'Avalon', world_type: 'fantasy' }, owner.token)).data.world_id;
  const made = (await api(url, 'POST', `/worlds/${wid}/entities`, { name: 'Nimue', entity_type: 'character', description: 'Of the lake.' }, owner.token)).data;
  const eid = made.entity_id || made.id;
  const invitation = await api(url, 'POST', `/worlds/${wid}/invitations`, { invitee: 'poll_coauthor', role: 'co_author' }, owner.token);
  assert.equal(invitation.status, 201, JSON.stringify(invitation.data));
  const accepted = await api(url, 'POST', `/invitations/${invitation.data.invitation.invitation_id}/accept`, {}, co.token);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.data));

  const context = await signedInContext(suite.browser, url, VIEWPORTS[0][1], owner.token);
  // a browser (or a proxy) without EventSource: the page falls back to GET activity?after=
  await context.addInitScript(() => {
    delete window.EventSource;
  });
  const page = await context.newPage();
  try {
    await guarded(page, 'desktop-members-polling', async () => {
      const started = page.waitForResponse((res) => res.url().includes(`/api/worlds/${wid}/activity?limit=1`));
      await page.goto(`/worlds/${wid}/entries/${eid}`);
      await page.getByText('Of the lake.').waitFor();
      assert.equal((await started).status(), 200);
      await page.evaluate(() => {
        window.__sameDocument = true;
      });
      const edit = await api(url, 'PUT', `/worlds/${wid}/entities/${eid}`, { description: 'Lady of the lake.' }, co.token);
      assert.equal(edit.status, 200, JSON.stringify(edit.data));
      const polled = page.waitForResponse((res) => res.url().includes(`/api/worlds/${wid}/activity?after=`), { timeout: 15000 });
      assert.equal((await polled).status(), 200);
      await page.getByText('Lady of the lake.').waitFor({ timeout: 15000 });
      await page.getByRole('list', { name: 'Notifications' }).getByText('poll_coauthor edited Nimue').waitFor();
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
      await snap(page, 'desktop-members-polling');
    });
  } finally {
    await context.close();
  }
});

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: account settings: a new email, then deleting the account gives one world to its co-author and deletes the other`, { timeout: 120000 }, async () => {
    const { url } = suite.backend;
    const password = 'leaving-password-1';
    const leaver = (await api(url, 'POST', '/auth/register', { username: `leaver_${viewport}`, email: `leaver_${viewport}@example.com`, password })).data;
    const heir = (await api(url, 'POST', '/auth/register', { username: `heir_${viewport}`, email: `heir_${viewport}@example.com`, password })).data;
    const kept = (await api(url, 'POST', '/worlds', { name: 'Kept world', world_type: 'fantasy' }, leaver.token)).data.world_id;
    const dropped = (await api(url, 'POST', '/worlds', { name: 'Dropped world', world_type: 'fantasy' }, leaver.token)).data.world_id;
    const invitation = (await api(url, 'POST', `/worlds/${kept}/invitations`, { invitee: `heir_${viewport}`, role: 'co_author' }, leaver.token)).data.invitation;
    assert.equal((await api(url, 'POST', `/invitations/${invitation.invitation_id}/accept`, {}, heir.token)).status, 200);

    const context = await signedInContext(suite.browser, url, size, leaver.token);
    const page = await context.newPage();
    try {
      await guarded(page, `${viewport}-account-email`, async () => {
        await page.goto('/profile');
        const form = page.getByRole('form', { name: 'Change email' });
        await form.getByText(`Now: leaver_${viewport}@example.com`).waitFor();
        await form.getByLabel('New email').fill(`new_${viewport}@example.com`);
        await form.getByLabel('Password').fill('not-my-password');
        await form.getByRole('button', { name: 'Change email' }).click();
        await form.getByRole('alert').waitFor();
        await form.getByLabel('Password').fill(password);
        await form.getByRole('button', { name: 'Change email' }).click();
        await form.getByText('Email changed.').waitFor();
        await form.getByText(`Now: new_${viewport}@example.com`).waitFor();
      });

      await guarded(page, `${viewport}-account-delete`, async () => {
        await page.getByRole('button', { name: 'Delete my account…' }).click();
        const form = page.getByRole('form', { name: 'Delete account' });
        const keptChoice = form.getByRole('group', { name: 'Kept world' });
        const droppedChoice = form.getByRole('group', { name: 'Dropped world' });
        await keptChoice.waitFor();
        await droppedChoice.getByText('No co-author to give it to').waitFor();
        await form.getByLabel('Your password').fill(password);
        assert.equal(await form.getByRole('button', { name: 'Delete my account' }).isDisabled(), true);
        await keptChoice.getByLabel('Give it to').check();
        assert.equal(await keptChoice.getByRole('combobox', { name: 'New owner of Kept world' }).inputValue(), heir.user.user_id);
        await droppedChoice.getByLabel('Delete this world').check();
        await snap(page, `${viewport}-account-delete`);
        await form.getByRole('button', { name: 'Delete my account' }).click();
        await page.getByRole('list', { name: 'Notifications' }).getByText('Your account is deleted.').waitFor();
        assert.equal(new URL(page.url()).pathname, '/');
        assert.equal(await page.evaluate(() => localStorage.getItem('worldsmith_token')), null);
        await snap(page, `${viewport}-account-deleted`);
      });

      const world = await api(url, 'GET', `/worlds/${kept}`, undefined, heir.token);
      assert.equal(world.data.owner_id, heir.user.user_id);
      assert.equal((await api(url, 'GET', `/worlds/${dropped}`, undefined, heir.token)).status, 404);
      assert.equal((await api(url, 'GET', '/auth/me', undefined, leaver.token)).status, 401);
      assert.equal((await api(url, 'POST', '/auth/login', { username: `leaver_${viewport}`, password })).status, 401);
    } finally {
      await context.close();
    }
  });
}
