// End-to-end: "Analyse" proposes, the writer decides. A world with a place "Emberfall", a place
// "Kharzul" and a character "Daven Voss"; a story that names them, new names and a false one (a
// horse). Analyse → the review list → merge "Kharzul Pass" into "Kharzul", ignore "Kestrel", accept
// the rest → the world has exactly the accepted entries (no duplicate across kinds) → analysing again
// proposes nothing already decided. A Vietnamese story is reviewed (kinds changed, names renamed,
// tone marks kept) and undone. Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { api } from './lib/backend.mjs';
import { ARTIFACTS, VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();

const STORY = [
  'Daven Voss rode out of Emberfall before dawn on Kestrel, his old grey mare. At the gate Mara Quell waited with the',
  'Grey Company, and Captain Orrin Hale held the lantern. “Tell no one,” Mara Quell said. Daven laughed and patted Kestrel.',
  '\n\nThey took the road from Emberfall to Kharzul Pass, where the Grey Company made camp. Mara Quell and Orrin Hale kept',
  'watch over Kharzul Pass until the snow came. Kestrel would not settle.',
].join(' ');

const VI_STORY = [
  'Bà Trần Thị Mai đi qua cầu Long Biên đến phố Hàng Bạc. Ở đó bà gặp anh Nguyễn Văn Hùng, người bán bạc.',
  'Bà Mai hỏi anh Hùng về chùa Trấn Quốc. Anh Hùng nói: “Mùa thu năm 1946, Hà Nội khác lắm.”',
  'Rồi bà Trần Thị Mai đi bộ về phố Hàng Bạc.',
].join(' ');

const get = async (route, token) => {
  const res = await api(suite.backend.url, 'GET', route, undefined, token);
  assert.equal(res.status, 200, `${route}: ${JSON.stringify(res.data)}`);
  return res.data;
};

/** A picture of one element (the review) for people to look at, next to snap's. */
async function snapElement(locator, name) {
  const dir = path.join(ARTIFACTS, 'screens');
  mkdirSync(dir, { recursive: true });
  await locator.page().waitForTimeout(200);
  await locator.screenshot({ path: path.join(dir, `${name.replace(/[^a-z0-9_-]+/gi, '_')}.png`) });
}

/** Nothing on the page is wider than the screen. */
async function assertNoSideScroll(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} > ${width}`);
}

/** Click "Analyse" and wait for the job; returns the review region. */
async function analyse(page) {
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /names? to review|Nothing new to review/ }).waitFor({ timeout: 60000 });
  const review = page.getByRole('region', { name: 'Names found in this story' });
  await review.waitFor();
  return review;
}

const row = (review, name) => review.getByRole('listitem', { name, exact: true });

/** Keep a new name, optionally as another kind and under another name. */
async function keep(item, { kind, name } = {}) {
  if (kind) await item.getByLabel('Kind', { exact: true }).selectOption(kind);
  if (name) {
    await item.getByRole('button', { name: 'Rename' }).click();
    await item.getByLabel(/^New name for/).fill(name);
    await item.getByRole('button', { name: /^Keep as / }).click();
  } else {
    await item.getByRole('button', { name: 'Keep', exact: true }).click();
  }
  await item.getByText(/^Will create/).waitFor();
}

const names = (list) => list.map((x) => x.name).sort();
const fold = (s) => s.normalize('NFC').toLowerCase().replace(/^the\s+/, '');

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: analyse → review → merge one, ignore one, accept the rest → the world has exactly those; analysing again proposes nothing decided`, { timeout: 150000 }, async () => {
    const reg = await api(suite.backend.url, 'POST', '/auth/register', { username: `delphine_${viewport}`, email: `delphine_${viewport}@example.com`, password: 'review-password-1' });
    const token = reg.data.token;
    const world = (await api(suite.backend.url, 'POST', '/worlds', { name: 'The Ashen March', world_type: 'fantasy', description: 'Border keeps and old roads.' }, token)).data;
    const wid = world.world_id;
    await api(suite.backend.url, 'POST', `/worlds/${wid}/locations`, { name: 'Emberfall', description: 'A walled town on the river.' }, token);
    await api(suite.backend.url, 'POST', `/worlds/${wid}/locations`, { name: 'Kharzul', description: 'The mountain and its passes.' }, token);
    await api(suite.backend.url, 'POST', `/worlds/${wid}/entities`, { name: 'Daven Voss', description: 'A scout of the March.' }, token);
    const story = (await api(suite.backend.url, 'POST', '/stories', { world_id: wid, title: 'The Road to Kharzul', content: STORY }, token)).data.story;
    const context = await signedInContext(suite.browser, suite.backend.url, size, token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-review`, async () => {
      await page.goto(`/stories/${story.story_id}`);
      await page.getByRole('heading', { level: 1, name: 'The Road to Kharzul' }).waitFor();
      // no review yet: nothing shows until the story is analysed
      assert.equal(await page.getByRole('region', { name: 'Names found in this story' }).count(), 0);
      const review = await analyse(page);

      // what the analysis proposes
      await row(review, 'Daven Voss').getByText('Matches existing character Daven Voss').waitFor();
      await row(review, 'Emberfall').getByText('Matches existing place Emberfall').waitFor();
      await row(review, 'Mara Quell').getByText('New character').waitFor();
      await row(review, 'Kharzul Pass').getByText('New place').waitFor();
      const kestrel = row(review, 'Kestrel');
      await kestrel.waitFor();
      assert.equal(await kestrel.locator('mark').first().textContent(), 'Kestrel');
      // nothing is created by the analysis itself
      assert.deepEqual(names(await get(`/worlds/${wid}/characters`, token)), ['Daven Voss']);
      await review.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-review-list`);
      await snapElement(review, `${viewport}-review-list-whole`);
      await assertNoSideScroll(page);

      // merge a new name into an existing entry, ignore the false one
      const pass = row(review, 'Kharzul Pass');
      await pass.getByRole('button', { name: 'Merge into…' }).click();
      await pass.getByLabel('Merge “Kharzul Pass” into').selectOption({ label: 'Kharzul' });
      await pass.getByRole('button', { name: 'Merge', exact: true }).click();
      await pass.getByText('Will merge “Kharzul Pass” into Kharzul').waitFor();
      await kestrel.getByRole('button', { name: 'Ignore' }).click();
      await kestrel.getByText('Will ignore “Kestrel” in this world').waitFor();
      await snapElement(review, `${viewport}-review-choices`);
      await assertNoSideScroll(page);

      // accept the rest: the confident ones, with the two choices, in one request
      const first = await get(`/stories/${story.story_id}/review`, token);
      const pending = first.proposals;
      const rest = pending.filter((p) => !['Kharzul Pass', 'Kestrel'].includes(p.name));
      for (const p of rest.filter((x) => !x.confident)) {
        // an unsure one among the rest is kept one by one
        const item = row(review, p.name);
        const button = p.action === 'alias' ? 'Add as alias' : p.action === 'link' ? 'Keep link' : 'Keep';
        await item.getByRole('button', { name: button, exact: true }).click();
      }
      await review.getByRole('button', { name: /^Accept all confident \(\d+\)$/ }).click();
      await review.getByRole('status').filter({ hasText: /^Created / }).waitFor();
      await review.getByRole('button', { name: 'Undo this review' }).waitFor();
      await row(review, 'Kharzul Pass').getByText('Merged into place Kharzul').waitFor();
      await row(review, 'Kestrel').getByText(/^Ignored: “Kestrel” will not be proposed again/).waitFor();
      await row(review, 'Mara Quell').getByText('Created character Mara Quell').waitFor();
      await row(review, 'Emberfall').getByText('Linked to place Emberfall').waitFor();
      await snapElement(review, `${viewport}-review-applied`);
      await review.getByRole('status').filter({ hasText: /^Created / }).scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-review-applied-screen`);
      await assertNoSideScroll(page);

      // through the API: exactly the accepted entries, none twice, none across kinds
      const chars = await get(`/worlds/${wid}/characters`, token);
      const locs = await get(`/worlds/${wid}/locations`, token);
      const created = rest.filter((p) => p.action === 'create').map((p) => p.name);
      assert.deepEqual(names(chars).concat(names(locs)).sort(), ['Daven Voss', 'Emberfall', 'Kharzul', ...created].sort());
      assert.ok(created.includes('Mara Quell') && created.includes('Orrin Hale'), `created: ${created}`);
      const keys = [...chars, ...locs].map((x) => fold(x.name));
      assert.equal(new Set(keys).size, keys.length, `a name twice: ${keys}`);
      assert.ok(!keys.includes('kestrel') && !keys.includes('kharzul pass'), `${keys}`);
      const kharzul = locs.find((l) => l.name === 'Kharzul');
      assert.ok((kharzul.aliases || []).includes('Kharzul Pass'), `Kharzul's aliases: ${JSON.stringify(kharzul.aliases)}`);
      const linked = await get(`/stories/${story.story_id}`, token);
      const linkedIds = [...(linked.entities || []), ...(linked.locations || [])].map((x) => (typeof x === 'string' ? x : x.entity_id || x.location_id));
      for (const entry of [...chars, ...locs]) assert.ok(linkedIds.includes(entry.entity_id || entry.location_id), `${entry.name} is linked to the story`);
      const ignored = await get(`/worlds/${wid}/ignored-names`, token);
      assert.deepEqual(ignored.map((x) => x.name), ['Kestrel']);
      // the page shows the linked characters and places
      await page.getByRole('list', { name: 'Characters' }).getByText('Mara Quell', { exact: true }).waitFor();
      await page.getByRole('list', { name: 'Locations' }).getByText('Kharzul', { exact: true }).waitFor();

      // analysing again proposes nothing already decided
      const again = await analyse(page);
      const second = await get(`/stories/${story.story_id}/review`, token);
      assert.notEqual(second.review_id, first.review_id);
      assert.deepEqual(second.proposals.filter((p) => p.name === 'Kestrel'), [], 'the ignored name is not proposed again');
      assert.equal(await row(again, 'Kestrel').count(), 0);
      if (second.proposals.length === 0) await again.getByText(/^No new names/).waitFor();
      for (const p of second.proposals) assert.notEqual(p.action, 'create', `${p.name} is proposed as new again`);
      await again.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-review-again`);
    });
    await context.close();
  });

  test(`${viewport}: a Vietnamese story is reviewed with its tone marks, re-kinded and renamed, then undone`, { timeout: 150000 }, async () => {
    const reg = await api(suite.backend.url, 'POST', '/auth/register', { username: `mai_${viewport}`, email: `mai_${viewport}@example.com`, password: 'review-password-2' });
    const token = reg.data.token;
    const context = await signedInContext(suite.browser, suite.backend.url, size, token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-review-vi`, async () => {
      // the world is made in the form, its language chosen there (the starter cast stays off)
      await page.goto('/worlds');
      await page.getByRole('button', { name: '+ New world' }).click();
      const form = page.getByRole('form', { name: 'New world' });
      await form.getByLabel('Name', { exact: true }).fill('Hà Nội những năm 1946');
      await form.getByLabel('Type', { exact: true }).selectOption('historical');
      const language = form.getByLabel('Language', { exact: true });
      assert.equal(await language.inputValue(), '');
      await language.selectOption({ label: 'Tiếng Việt' });
      await form.getByLabel('Description', { exact: true }).fill('Phố cổ, mùa thu, chiến tranh.');
      assert.equal(await form.getByLabel(/starter cast/).isChecked(), false);
      await snapElement(form, `${viewport}-world-create-language`);
      await form.getByRole('button', { name: 'Create world' }).click();
      await page.waitForURL(/\/worlds\/[0-9a-f-]{36}$/);
      const wid = page.url().split('/').pop();
      await page.getByRole('heading', { level: 1, name: 'Hà Nội những năm 1946' }).waitFor();
      await page.getByText('Tiếng Việt').waitFor(); // the world's language shows on its page
      await snap(page, `${viewport}-world-language`);
      const world = await get(`/worlds/${wid}`, token);
      assert.equal(world.language, 'vi');
      assert.deepEqual(await get(`/worlds/${wid}/characters`, token), []); // no starter cast
      const story = (await api(suite.backend.url, 'POST', '/stories', { world_id: wid, title: 'Mùa thu ở phố Hàng Bạc', content: VI_STORY }, token)).data.story;
      await page.goto(`/stories/${story.story_id}`);
      await page.getByRole('heading', { level: 1, name: 'Mùa thu ở phố Hàng Bạc' }).waitFor();
      const review = await analyse(page);
      assert.equal(await review.getAttribute('lang'), 'vi');
      const proposals = (await get(`/stories/${story.story_id}/review`, token)).proposals;
      const find = (re) => proposals.find((p) => re.test(p.name));

      // the name marked in its quote is the whole name, tone marks and all
      const mai = find(/Trần Thị Mai/);
      assert.ok(mai, `proposed: ${proposals.map((p) => p.name)}`);
      const maiRow = row(review, mai.name);
      const marked = await maiRow.locator('blockquote mark').allTextContents();
      assert.ok(marked.some((m) => m.endsWith('Trần Thị Mai')), `marked: ${marked}`);
      assert.ok(!marked.some((m) => m.includes('Trấn')), `marked: ${marked}`);
      await review.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-review-vi`);
      await snapElement(review, `${viewport}-review-vi-whole`);
      await assertNoSideScroll(page);

      // places are places, under the names the writer uses
      const places = [
        [/Long Biên/, 'cầu Long Biên'],
        [/Hàng Bạc/, 'phố Hàng Bạc'],
        [/Trấn Quốc/, 'chùa Trấn Quốc'],
        [/Hà Nội/, 'Hà Nội'],
      ];
      for (const [re, name] of places) {
        const p = find(re);
        assert.ok(p, `${re} is proposed: ${proposals.map((x) => x.name)}`);
        await keep(row(review, p.name), { kind: 'place', name: p.name === name ? undefined : name });
      }
      await keep(maiRow, { kind: 'character' });
      const hung = find(/Nguyễn Văn Hùng/);
      if (hung) await keep(row(review, hung.name), { kind: 'character' });
      await snapElement(review, `${viewport}-review-vi-choices`);
      await review.getByRole('button', { name: /^Apply \d+ choices$/ }).click();
      await review.getByRole('button', { name: 'Undo this review' }).waitFor();
      await row(review, mai.name).getByText(/^Created character Trần Thị Mai/).waitFor();
      await snapElement(review, `${viewport}-review-vi-applied`);

      const locs = names(await get(`/worlds/${wid}/locations`, token));
      assert.deepEqual(locs, ['Hà Nội', 'chùa Trấn Quốc', 'cầu Long Biên', 'phố Hàng Bạc'].sort());
      const chars = names(await get(`/worlds/${wid}/characters`, token));
      assert.ok(chars.includes('Trần Thị Mai'), `${chars}`);
      assert.ok(!chars.some((c) => /Long Biên|Hàng Bạc|Trấn Quốc|Hà Nội/.test(c)), `a place filed as a character: ${chars}`);

      // one step puts the world back as it was
      await review.getByRole('button', { name: 'Undo this review' }).click();
      await review.getByText('This review was undone: the world is as it was before it.').waitFor();
      await review.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-review-vi-undone`);
      assert.deepEqual(await get(`/worlds/${wid}/locations`, token), []);
      assert.deepEqual(await get(`/worlds/${wid}/characters`, token), []);
    });
    await context.close();
  });
}
