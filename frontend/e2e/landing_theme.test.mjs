// End-to-end: the landing page for visitors (what Worldsmith does, public worlds, no zero counts,
// no operator details), dark mode (every page screenshotted in both themes, desktop and phone, and
// a contrast audit of each), the Light/Dark/System choice remembered across a reload, operator
// details on the admin page, and the phone's world tab strip showing the selected tab.
// Screenshots in e2e/artifacts/screens/theme-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, snap } from './lib/browser.mjs';
import { contrastProblems } from './lib/contrast.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const ADMIN = { username: 'theme_admin', email: 'theme-admin@example.com', password: 'admin-password-1' };
const suite = liveSuite({ env: { INITIAL_ADMIN_USERNAME: ADMIN.username, INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password } });

const STORY = `# The ferry at dusk

[[Mara Quill]] waited at the quay of [[Saltmarsh]] while the bell rang twice.

> Nobody crosses after the second bell.

She paid the ferryman in **old silver** and did not look back. The tide, the fog, the [[Lantern Guild|guild]] lamps.

In the spring of 1212 Mara Quill left Saltmarsh with the Lantern Guild. Three winters later the guild reached the [[Drowned Gate]], and Mara Quill burned the old ferry behind them.`;

let seeded = null;
/** A writer with a public world (a story, a character, a place) and an empty private one; the admin's token. */
async function seed(url) {
  if (seeded) return seeded;
  const token = (await api(url, 'POST', '/auth/register', { username: 'theme_writer', email: 'theme@example.com', password: 'theme-password-1' })).data.token;
  const world = (await api(url, 'POST', '/worlds', { name: 'The Saltmarsh Reaches', description: 'Fog, ferries and a guild of lamplighters on a drowned coast.', world_type: 'fantasy', visibility: 'public' }, token)).data;
  const wid = world.world_id;
  await api(url, 'POST', '/worlds', { name: 'Empty drafts', world_type: 'modern' }, token);
  const mara = (await api(url, 'POST', `/worlds/${wid}/entities`, { name: 'Mara Quill', entity_type: 'character', description: 'A ferry pilot who **never** crosses after the second bell.' }, token)).data;
  await api(url, 'POST', `/worlds/${wid}/entities`, { name: 'Lantern Guild', entity_type: 'faction', description: 'Keepers of the lamps.' }, token);
  await api(url, 'POST', `/worlds/${wid}/locations`, { name: 'Saltmarsh', description: 'A quay town.' }, token);
  const story = (await api(url, 'POST', '/stories', { world_id: wid, title: 'The Ferry at Dusk', content: STORY, visibility: 'public', tags: ['ferry', 'chapter 1'] }, token)).data.story;
  const job = (await api(url, 'POST', `/worlds/${wid}/events/extract`, {}, token)).data;
  for (let i = 0; i < 100 && job && job.task_id; i++) {
    const res = (await api(url, 'GET', `/gpt/results/${job.task_id}`, undefined, token)).data;
    if (res && ['completed', 'error', 'timeout', 'cancelled'].includes(res.status)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const admin = (await api(url, 'POST', '/auth/login', { username: ADMIN.username, password: ADMIN.password })).data.token;
  seeded = { token, admin, wid, storyId: story.story_id, maraId: mara.entity_id };
  return seeded;
}

async function newContext(size, { colorScheme = 'light', token } = {}) {
  const context = await suite.browser.newContext({ baseURL: suite.backend.url, viewport: size, deviceScaleFactor: 1, isMobile: size.width < 500, hasTouch: size.width < 500, colorScheme });
  context.setDefaultTimeout(15000);
  if (token) await context.addInitScript((t) => localStorage.setItem('worldsmith_token', t), token);
  return context;
}

const background = (page) => page.evaluate(() => getComputedStyle(document.body.parentElement).backgroundColor);
const isDark = (rgb) => {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return r + g + b < 150;
};

/** Open `path`, wait for `ready`, screenshot it and audit its contrast; returns the problems. */
async function visit(page, name, path, ready) {
  await page.goto(path);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  await snap(page, name);
  return (await contrastProblems(page)).map((p) => ({ page: name, ...p }));
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: the landing page says what Worldsmith does, shows public worlds, no zeros, no storage`, { timeout: 120000 }, async () => {
    await seed(suite.backend.url);
    const context = await newContext(size);
    const page = await context.newPage();
    await guarded(page, `landing-${viewport}`, async () => {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: /Build worlds/ }).waitFor();
      const card = page.getByRole('link', { name: /The Saltmarsh Reaches/ });
      await card.waitFor();
      assert.match(await card.innerText(), /1 story · 2 characters · 1 place/);
      const text = await page.locator('#main').innerText();
      assert.doesNotMatch(text, /(^|\s)0(\s|$)/, 'no zero counts on the landing page');
      assert.doesNotMatch(text, /tinydb|storage|postgres|provider|offline/i, 'no operator details for visitors');
      assert.doesNotMatch(text, /Empty drafts/, 'a private world is not listed');
      assert.equal(await page.getByRole('link', { name: /Start writing/ }).getAttribute('href'), '/register');
      await snap(page, `theme-landing-light-${viewport}`);
      await card.click();
      await page.getByRole('heading', { level: 1, name: 'The Saltmarsh Reaches' }).waitFor();
    });
    await context.close();
  });

  test(`${viewport}: every page in the light and the dark theme, screenshotted, and readable`, { timeout: 300000 }, async () => {
    const { token, admin, wid, storyId, maraId } = await seed(suite.backend.url);
    const problems = [];
    for (const scheme of ['light', 'dark']) {
      const visitor = await newContext(size, { colorScheme: scheme });
      const vpage = await visitor.newPage();
      await guarded(vpage, `theme-${scheme}-${viewport}-visitor`, async () => {
        problems.push(...(await visit(vpage, `theme-${scheme}-landing-${viewport}`, '/', '.landing-hero')));
        assert.equal(isDark(await background(vpage)), scheme === 'dark', `the page follows the system's ${scheme} scheme`);
        problems.push(...(await visit(vpage, `theme-${scheme}-login-${viewport}`, '/login', 'form')));
        problems.push(...(await visit(vpage, `theme-${scheme}-register-${viewport}`, '/register', 'form')));
        problems.push(...(await visit(vpage, `theme-${scheme}-not-found-${viewport}`, '/no/such/page', 'h1')));
      });
      await visitor.close();

      const context = await newContext(size, { colorScheme: scheme, token });
      const page = await context.newPage();
      await guarded(page, `theme-${scheme}-${viewport}-writer`, async () => {
        problems.push(...(await visit(page, `theme-${scheme}-dashboard-${viewport}`, '/', '.stats-grid')));
        problems.push(...(await visit(page, `theme-${scheme}-worlds-${viewport}`, '/worlds', '.world-card')));
        for (const tab of ['stories', 'books', 'codex', 'timeline', 'graph', 'activity', 'members', 'settings']) {
          problems.push(...(await visit(page, `theme-${scheme}-world-${tab}-${viewport}`, `/worlds/${wid}?tab=${tab}`, `#panel-${tab}`)));
        }
        problems.push(...(await visit(page, `theme-${scheme}-story-${viewport}`, `/stories/${storyId}`, '.markdown')));
        // a dialog: create the entry of a mention not in the codex yet
        await page.getByRole('button', { name: /Drowned Gate: not in the codex yet/ }).click();
        await page.getByRole('dialog').waitFor();
        await snap(page, `theme-${scheme}-dialog-${viewport}`);
        problems.push(...(await contrastProblems(page)).map((p) => ({ page: `dialog-${scheme}`, ...p })));
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
        // the story editor (toolbar, text, counts) in the theme
        await page.getByRole('button', { name: 'Edit story' }).click();
        await page.locator('.cm-content').waitFor();
        await snap(page, `theme-${scheme}-editor-${viewport}`);
        problems.push(...(await contrastProblems(page)).map((p) => ({ page: `editor-${scheme}`, ...p })));
        problems.push(...(await visit(page, `theme-${scheme}-entry-${viewport}`, `/worlds/${wid}/entries/${maraId}`, 'h1')));
        problems.push(...(await visit(page, `theme-${scheme}-stories-${viewport}`, '/stories', '.story-card')));
        problems.push(...(await visit(page, `theme-${scheme}-search-${viewport}`, '/search?q=ferry', '.search-hit')));
        problems.push(...(await visit(page, `theme-${scheme}-trash-${viewport}`, '/trash', 'h1')));
        // an error the server words (a wrong current password), in plain language and in the theme
        await page.goto('/');
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByLabel('Current password').fill('not-my-password');
        await page.getByLabel('New password').fill('another-password-2');
        await page.getByRole('button', { name: 'Save password' }).click();
        await page.getByText('Your current password is not right.').first().waitFor();
        await snap(page, `theme-${scheme}-form-error-${viewport}`);
        problems.push(...(await contrastProblems(page)).map((p) => ({ page: `form-error-${scheme}`, ...p })));
      });
      await context.close();

      const adminContext = await newContext(size, { colorScheme: scheme, token: admin });
      const apage = await adminContext.newPage();
      await guarded(apage, `theme-${scheme}-${viewport}-admin`, async () => {
        problems.push(...(await visit(apage, `theme-${scheme}-admin-${viewport}`, '/admin', 'table')));
        // the operator details live here now
        const server = apage.locator('section', { has: apage.getByRole('heading', { name: 'Server' }) });
        assert.match(await server.innerText(), /Storage\s*tinydb/i);
        assert.match(await server.innerText(), /AI provider\s*offline/i);
      });
      await adminContext.close();
    }
    assert.deepEqual(problems, [], `text below the WCAG contrast minimum:\n${problems.map((p) => JSON.stringify(p)).join('\n')}`);
  });

  test(`${viewport}: the Light / Dark / System choice is remembered across a reload`, { timeout: 120000 }, async () => {
    const { token } = await seed(suite.backend.url);
    const context = await newContext(size, { colorScheme: 'light', token });
    const page = await context.newPage();
    await guarded(page, `theme-toggle-${viewport}`, async () => {
      await page.goto('/');
      await page.locator('.stats-grid').waitFor();
      assert.equal(isDark(await background(page)), false);
      if (viewport === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
      const select = page.getByRole('combobox', { name: 'Colour theme' });
      assert.equal(await select.inputValue(), 'system');
      await select.selectOption('dark');
      assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
      assert.equal(isDark(await background(page)), true);
      await page.reload();
      await page.locator('.stats-grid').waitFor();
      assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark', 'the choice holds after a reload');
      assert.equal(isDark(await background(page)), true);
      if (viewport === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
      assert.equal(await page.getByRole('combobox', { name: 'Colour theme' }).inputValue(), 'dark');
      await snap(page, `theme-toggle-dark-${viewport}`);
      // Light wins over a dark system; System follows it again
      await context.close();
      const dark = await newContext(size, { colorScheme: 'dark', token });
      const page2 = await dark.newPage();
      await page2.goto('/');
      await page2.locator('.stats-grid').waitFor();
      assert.equal(isDark(await background(page2)), true, 'System follows a dark device');
      if (viewport === 'phone') await page2.getByRole('button', { name: 'Menu' }).click();
      await page2.getByRole('combobox', { name: 'Colour theme' }).selectOption('light');
      await page2.reload();
      await page2.locator('.stats-grid').waitFor();
      assert.equal(isDark(await background(page2)), false, 'Light holds on a dark device after a reload');
      if (viewport === 'phone') await page2.getByRole('button', { name: 'Menu' }).click();
      await page2.getByRole('combobox', { name: 'Colour theme' }).selectOption('system');
      assert.equal(await page2.locator('html').getAttribute('data-theme'), null);
      assert.equal(isDark(await background(page2)), true);
      await dark.close();
    });
  });
}

test('phone: the world tab strip shows the selected tab', { timeout: 120000 }, async () => {
  const { token, wid } = await seed(suite.backend.url);
  const size = Object.fromEntries(VIEWPORTS).phone;
  const context = await newContext(size, { token });
  const page = await context.newPage();
  await guarded(page, 'theme-tabs-phone', async () => {
    const strip = page.getByRole('tablist', { name: 'World sections' });
    const inView = async (name) => {
      const tab = page.getByRole('tab', { name, selected: true });
      await tab.waitFor();
      const [t, s] = [await tab.boundingBox(), await strip.boundingBox()];
      return t.x >= s.x - 1 && t.x + t.width <= s.x + s.width + 1;
    };
    // opened straight on the last tab (an address, a reload): scrolled into view
    await page.goto(`/worlds/${wid}?tab=settings`);
    await page.locator('#panel-settings').waitFor();
    assert.ok(await strip.evaluate((el) => el.scrollWidth > el.clientWidth), 'the strip is wider than a phone');
    assert.ok(await inView('Settings'), 'the selected last tab is visible');
    assert.ok((await strip.evaluate((el) => el.scrollLeft)) > 0);
    const marker = await page.getByRole('tab', { name: 'Settings' }).evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(marker, 'rgba(0, 0, 0, 0)', 'the selected tab is filled, not only underlined');
    await snap(page, 'theme-tabs-settings-phone');
    // back to the first tab with the keyboard: the strip follows
    const settings = page.getByRole('tab', { name: 'Settings' });
    await settings.focus();
    await page.keyboard.press('Home');
    assert.ok(await inView('Stories'), 'the first tab is visible again');
    await snap(page, 'theme-tabs-stories-phone');
  });
  await context.close();
});
