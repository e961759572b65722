// End-to-end: script payloads written by a writer never run in a reader's browser. Payloads go in
// through the API everywhere a writer types: world, entry and story names, story text, entry
// descriptions, event titles, [[mentions]] and Markdown links (javascript: URLs in every casing and
// encoding, <svg onload>, <img onerror>, inline event handlers, <script>, <iframe>, data: URLs).
// Chromium then shows them on the story page, the entry page, search results and the timeline
// (desktop and phone). Every payload calls alert() and sets a global flag: the test listens for
// dialogs, reads the flag after hovering and clicking the rendered links, and checks the page has
// no javascript: link, no on* attribute and no script, iframe or object element of the writer's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();

// every payload both alerts and sets window.__xss, so a payload that runs is seen either way
const RUN = 'window.__xss=(window.__xss||0)+1;alert(1)';
const NAME_PAYLOAD = `Mara <img src=x onerror="${RUN}">`;
const SVG_NAME = `<svg onload="${RUN}">Ghost`;
const PAYLOADS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<svg onload="${RUN}"><circle r=5 /></svg>`,
  `<a href="javascript:${RUN}" onclick="${RUN}">raw html link</a>`,
  `<div onmouseover="${RUN}" style="width:100%;height:40px">hover me</div>`,
  `<iframe src="javascript:${RUN}"></iframe>`,
  `<object data="javascript:${RUN}"></object>`,
  `[plain js link](javascript:${encodeURIComponent(RUN)})`,
  `[cased js link](JaVaScRiPt:${encodeURIComponent(RUN)})`,
  `[padded js link](  javascript:${encodeURIComponent(RUN)})`,
  `[entity js link](&#106;avascript:${encodeURIComponent(RUN)})`,
  `[tab js link](java\tscript:${encodeURIComponent(RUN)})`,
  `[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `[vbscript link](vbscript:msgbox(1))`,
  `<javascript:${encodeURIComponent(RUN)}>`,
  `![img js](javascript:${encodeURIComponent(RUN)})`,
  `[ref js link][evil]\n\n[evil]: javascript:${encodeURIComponent(RUN)}`,
  `[[${NAME_PAYLOAD}]] and [[${SVG_NAME}]] and [[Mara|<img src=x onerror="${RUN}">]]`,
  `[[javascript:${RUN}]] and [[Mara|[x](javascript:${encodeURIComponent(RUN)})]]`,
  '<details open ontoggle="' + RUN + '">toggle</details>',
  `<form action="javascript:${RUN}"><button>go</button></form>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">`,
].join('\n\n');

const TEXT = `Ferry lanterns burn low. ${PAYLOADS}\n\nIn the spring of 1212 Mara left Saltmarsh with the Lantern Guild. Three winters later the guild reached the Drowned Gate.`;

async function seed(url, viewport) {
  const token = (await api(url, 'POST', '/auth/register', { username: `xss_${viewport}`, email: `xss_${viewport}@example.com`, password: 'xss-password-1' })).data.token;
  const world = await api(url, 'POST', '/worlds', { name: `Lanterns <img src=x onerror="${RUN}">`, description: TEXT, world_type: 'fantasy' }, token);
  assert.equal(world.status, 201, JSON.stringify(world.data));
  const wid = world.data.world_id;
  const entity = async (name, description) => {
    const res = await api(url, 'POST', `/worlds/${wid}/entities`, { name, entity_type: 'character', description }, token);
    assert.equal(res.status, 201, JSON.stringify(res.data));
    return res.data.entity_id;
  };
  const maraId = await entity(NAME_PAYLOAD, TEXT);
  await entity(SVG_NAME, `<script>${RUN}</script> ghost`);
  await entity('Mara', 'The plain Mara, a lantern keeper.');
  const place = await api(url, 'POST', `/worlds/${wid}/locations`, { name: `Saltmarsh <svg onload="${RUN}">`, description: TEXT }, token);
  assert.equal(place.status, 201, JSON.stringify(place.data));
  const story = await api(url, 'POST', '/stories', { world_id: wid, title: `Ferry lanterns <script>${RUN}</script>`, description: `<img src=x onerror="${RUN}"> ferry`, content: TEXT, tags: [`<b onmouseover=alert(1)>t</b>`] }, token);
  assert.equal(story.status, 201, JSON.stringify(story.data));
  const storyId = story.data.story.story_id;
  // the timeline: events found in the story, one renamed and described with payloads
  const job = (await api(url, 'POST', `/worlds/${wid}/events/extract`, {}, token)).data;
  for (let i = 0; i < 100; i++) {
    const res = (await api(url, 'GET', `/gpt/results/${job.task_id}`, undefined, token)).data;
    if (res.status === 'completed') break;
    assert.notEqual(res.status, 'error', JSON.stringify(res));
    await new Promise((r) => setTimeout(r, 200));
  }
  const events = (await api(url, 'GET', `/worlds/${wid}/events`, undefined, token)).data.timeline.years.flatMap((y) => y.events);
  assert.ok(events.length >= 1, 'the story gave the timeline an event');
  const patched = await api(url, 'PATCH', `/events/${events[0].event_id}`, { title: `Ferry lanterns <svg onload="${RUN}">`, description: PAYLOADS }, token);
  assert.equal(patched.status, 200, JSON.stringify(patched.data));
  return { token, wid, maraId, storyId };
}

/** Nothing of the writer's ran or could run on this page; returns how many links the text made. */
async function assertInert(page, where, dialogs) {
  // hover and focus what the text made, then click the links that stay in the page
  const main = page.locator('#main');
  for (const el of await main.locator('a, .markdown div, .markdown span, details').all()) {
    await el.hover({ timeout: 1000 }).catch(() => {});
  }
  for (const link of await main.locator('.markdown a:not([target=_blank])').all()) {
    const href = await link.getAttribute('href');
    if (href && !href.startsWith('/')) await link.click({ timeout: 1000, noWaitAfter: true }).catch(() => {});
  }
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      flag: window.__xss || 0,
      jsLinks: all.filter((el) => /^\s*(javascript|vbscript|data):/i.test(el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || el.getAttribute('data') || '')).map((el) => el.outerHTML.slice(0, 120)),
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 120)),
      scripts: [...document.querySelectorAll('#main script, #main iframe, #main object, #main embed, #main form[action]')].map((el) => el.outerHTML.slice(0, 120)),
    };
  });
  assert.equal(found.flag, 0, `${where}: a payload ran`);
  assert.deepEqual(dialogs, [], `${where}: a payload opened a dialog`);
  assert.deepEqual(found.jsLinks, [], `${where}: javascript:/data: addresses in the page`);
  assert.deepEqual(found.handlers, [], `${where}: inline event handlers in the page`);
  assert.deepEqual(found.scripts, [], `${where}: script-like elements in the content`);
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: payloads in names, text, mentions and links run nowhere`, { timeout: 240000 }, async () => {
    const { url } = suite.backend;
    const { token, wid, maraId, storyId } = await seed(url, viewport);
    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await guarded(page, `xss-${viewport}`, async () => {
      // the story page: title, text with every payload, mentions, tags
      await page.goto(`/stories/${storyId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('.markdown').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Ferry lanterns <script>/, 'the title shows the payload as text');
      const prose = await page.locator('.markdown', { hasText: 'Ferry lanterns burn low' }).first().innerText();
      assert.match(prose, /plain js link/, 'the link text stays, as text');
      assert.match(prose, /In the spring of 1212/, 'the text after the payloads is all there');
      await snap(page, `xss-story-${viewport}`);
      await assertInert(page, 'story page', dialogs);

      // the entry page of the entry whose name is a payload
      await page.goto(`/worlds/${wid}/entries/${maraId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Mara <img src=x onerror=/);
      await snap(page, `xss-entry-${viewport}`);
      await assertInert(page, 'entry page', dialogs);

      // the world page (its name and description) and the codex
      await page.goto(`/worlds/${wid}?tab=codex`);
      await page.locator('#panel-codex').waitFor();
      await page.waitForLoadState('networkidle');
      await assertInert(page, 'world page', dialogs);

      // search: hits with snippets around the payloads
      await page.goto('/search?q=ferry');
      await page.locator('.search-hit').first().waitFor();
      await page.waitForLoadState('networkidle');
      await snap(page, `xss-search-${viewport}`);
      await assertInert(page, 'search', dialogs);
      await page.goto(`/search?q=${encodeURIComponent('onerror')}`);
      await page.waitForLoadState('networkidle');
      await assertInert(page, 'search for onerror', dialogs);

      // the timeline: the event with a payload title and description
      await page.goto(`/worlds/${wid}?tab=timeline`);
      await page.locator('.timeline-card').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.match(await page.locator('#panel-timeline').innerText(), /Ferry lanterns <svg onload=/);
      await snap(page, `xss-timeline-${viewport}`);
      await assertInert(page, 'timeline', dialogs);

      // the control: the same checks do see a payload that runs (planted by the test itself)
      await page.evaluate(() => document.getElementById('main').insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__xss=(window.__xss||0)+1">'));
      await page.waitForFunction(() => window.__xss === 1);
      await assert.rejects(assertInert(page, 'control', dialogs), /a payload ran/);
    });
    await context.close();
  });
}
