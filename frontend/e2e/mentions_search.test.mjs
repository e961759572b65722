// End-to-end: the codex in writing and finding (issue #12 items 4, 5, 6, 8). A world's calendar is
// edited (months named in Vietnamese, an era, today's date); a story is written mentioning a
// character with [[...]] and a place through the @ completion, dated in that calendar and tagged,
// its cast picked through the filter; the story shows the mentions as links, and an unresolved one
// becomes an entry in one click; searching without tone marks finds the Vietnamese names; an event
// is dated on the timeline and the timeline is filtered. Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';
import { editorText } from './lib/editor.mjs';

const suite = liveSuite();

const CAST = ['Trần Hưng Đạo', 'Trần Quốc Toản', 'Phạm Ngũ Lão', 'Nguyễn Trãi', 'Lý Thường Kiệt', 'Bà Triệu', 'Đinh Bộ Lĩnh'];

async function setUp(viewport) {
  const { url } = suite.backend;
  const reg = await api(url, 'POST', '/auth/register', { username: `hung_${viewport}`, email: `hung_${viewport}@example.com`, password: 'mentions-password-1' });
  const token = reg.data.token;
  const world = (await api(url, 'POST', '/worlds', { name: 'Đại Việt', world_type: 'historical', language: 'vi' }, token)).data;
  const people = {};
  for (const name of CAST) {
    const res = await api(url, 'POST', `/worlds/${world.world_id}/entities`, { name, entity_type: 'character' }, token);
    assert.equal(res.status, 201, JSON.stringify(res.data));
    people[name] = res.data.entity_id;
  }
  const place = (await api(url, 'POST', `/worlds/${world.world_id}/locations`, { name: 'Hà Nội', description: 'Kinh đô Thăng Long.' }, token)).data;
  return { url, token, world, people, place };
}

async function extractEvents(url, worldId, token) {
  const job = (await api(url, 'POST', `/worlds/${worldId}/events/extract`, {}, token)).data;
  for (let i = 0; i < 100; i++) {
    const res = (await api(url, 'GET', `/gpt/results/${job.task_id}`, undefined, token)).data;
    if (res.status === 'completed') return;
    assert.notEqual(res.status, 'error', JSON.stringify(res));
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail('the event extraction did not finish');
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: calendar, a story with [[mentions]] and @ completion, one-click entries, search without tone marks, a dated event`, { timeout: 180000 }, async () => {
    const { url, token, world, people, place } = await setUp(viewport);
    const wid = world.world_id;
    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-mentions-search`, async () => {
      // the calendar editor: months named in Vietnamese, an era, today's date
      await page.goto(`/worlds/${wid}`);
      await page.getByRole('button', { name: 'Edit world' }).click();
      const form = page.getByRole('form', { name: 'Edit world' });
      const calendar = form.getByRole('group', { name: 'Calendar' });
      const months = calendar.getByRole('group', { name: 'Months' });
      await months.getByLabel('Name of month 1', { exact: true }).fill('Tháng Giêng');
      await months.getByLabel('Name of month 2', { exact: true }).fill('Tháng Hai');
      const eras = calendar.getByRole('group', { name: 'Eras' });
      await eras.getByRole('button', { name: '+ Add an era' }).click();
      await eras.getByLabel('Name of era 1', { exact: true }).fill('Công nguyên');
      await eras.getByLabel('Abbreviation of era 1', { exact: true }).fill('CN');
      await eras.getByLabel('Era 1 starts in year', { exact: true }).fill('1');
      const today = calendar.getByRole('group', { name: 'Today in the world' });
      await today.getByLabel('Year').fill('1288');
      await today.getByLabel('Month').selectOption({ label: 'Tháng Hai' });
      await today.getByLabel('Day').selectOption('10');
      await today.getByText('10 Tháng Hai 1288 CN').waitFor();
      await months.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-calendar-editor`);
      await eras.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-calendar-eras`);
      await form.getByRole('button', { name: 'Save world' }).click();
      await page.getByText('Now: 10 Tháng Hai 1288 CN').waitFor();
      const saved = (await api(url, 'GET', `/worlds/${wid}`, undefined, token)).data.metadata.calendar;
      assert.deepEqual(saved.months.slice(0, 2).map((m) => m.name), ['Tháng Giêng', 'Tháng Hai']);
      assert.deepEqual(saved.current_date, { year: 1288, month: 2, day: 10 });
      assert.equal(saved.eras[0].abbreviation, 'CN');

      // a new story: the cast picked through the filter, [[...]] typed, @ completion, a date, tags
      await page.goto(`/stories/new?world_id=${wid}`);
      const story = page.getByRole('form', { name: 'New story' });
      await story.getByLabel('Title', { exact: true }).fill('Trận Bạch Đằng');
      const cast = story.getByRole('group', { name: 'Characters in this story' });
      await cast.getByRole('searchbox', { name: 'Filter characters' }).fill('tran hung');
      await cast.getByRole('checkbox', { name: 'Trần Hưng Đạo' }).check();
      assert.equal(await cast.getByRole('checkbox').count(), 1);
      await snap(page, `${viewport}-cast-filter`);
      const text = story.getByRole('textbox', { name: 'Story text' });
      await text.fill('Quân của [[Trần Hưng Đạo]] đánh giặc trên sông Bạch Đằng.\nSau trận ấy, ông về ');
      await text.press('End');
      await text.pressSequentially('@Hà');
      const options = page.getByRole('listbox', { name: 'Codex entries' });
      await options.getByRole('option', { name: /Hà Nội/ }).waitFor();
      await snap(page, `${viewport}-at-completion`);
      // a tap chooses on a phone (the text keeps the focus and the caret), Enter on a keyboard
      if (viewport === 'phone') await options.getByRole('option', { name: /Hà Nội/ }).tap();
      else await text.press('Enter');
      await options.waitFor({ state: 'detached' });
      await text.pressSequentially('gặp [[Yết Kiêu]].');
      assert.equal(await editorText(text), 'Quân của [[Trần Hưng Đạo]] đánh giặc trên sông Bạch Đằng.\nSau trận ấy, ông về [[Hà Nội]] gặp [[Yết Kiêu]].');
      const when = story.getByRole('group', { name: 'In-world date' });
      await when.getByLabel('Year').fill('1288');
      await when.getByLabel('Month').selectOption({ label: 'Tháng Giêng' });
      await when.getByLabel('Day').selectOption('20');
      await story.getByLabel('Tags').fill('chiến tranh, Bạch Đằng');
      await story.getByRole('button', { name: 'Create story' }).click();
      await page.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
      const storyId = page.url().split('/').pop();

      // the story page: mentions are links, the date reads in the calendar, tags link to the list
      await page.getByRole('heading', { level: 1, name: 'Trận Bạch Đằng' }).waitFor();
      const content = page.locator('.story-content');
      const hung = content.getByRole('link', { name: 'Trần Hưng Đạo' });
      await hung.waitFor();
      assert.equal(await hung.getAttribute('href'), `/worlds/${wid}/entries/${people['Trần Hưng Đạo']}`);
      assert.equal(await content.getByRole('link', { name: 'Hà Nội' }).getAttribute('href'), `/worlds/${wid}/entries/${place.location_id}`);
      await page.getByText('20 Tháng Giêng 1288 CN').waitFor();
      const tag = page.getByRole('link', { name: 'Tag: chiến tranh' });
      assert.equal(await tag.getAttribute('href'), `/worlds/${wid}?tab=stories&tag=${encodeURIComponent('chiến tranh')}`);
      const unresolved = content.getByRole('button', { name: 'Yết Kiêu: not in the codex yet, create entry' });
      await unresolved.waitFor();
      await snap(page, `${viewport}-story-mentions`);

      // one click on its kind makes the entry, and the mention becomes a link
      await unresolved.click();
      const dialog = page.getByRole('dialog', { name: 'Create “Yết Kiêu”' });
      await snap(page, `${viewport}-create-entry`);
      await dialog.getByRole('button', { name: 'Character' }).click();
      await content.getByRole('link', { name: 'Yết Kiêu' }).waitFor();
      const resolved = (await api(url, 'GET', `/worlds/${wid}/mentions/resolve?names=${encodeURIComponent('Yết Kiêu')}`, undefined, token)).data;
      assert.equal(resolved['Yết Kiêu'].kind, 'character');
      await page.getByRole('list', { name: 'Notifications' }).getByText('Created “Yết Kiêu” as a character.').waitFor();
      await snap(page, `${viewport}-story-mentions-resolved`);

      // the tag chip opens the world's stories with that tag
      await tag.click();
      await page.getByRole('status').filter({ hasText: 'Tagged #chiến tranh' }).waitFor();
      await page.getByRole('link', { name: 'Trận Bạch Đằng' }).waitFor();

      // search from the navigation bar, without tone marks
      const searchBox = page.getByRole('search', { name: 'Everything' }).getByRole('searchbox', { name: 'Search everything' });
      await searchBox.fill('tran hung dao');
      await searchBox.press('Enter');
      await page.waitForURL(/\/search\?q=tran\+hung\+dao/);
      const results = page.locator('.search-results');
      const entryHit = results.getByRole('link', { name: 'Trần Hưng Đạo', exact: true });
      await entryHit.waitFor();
      assert.equal(await entryHit.getAttribute('href'), `/worlds/${wid}/entries/${people['Trần Hưng Đạo']}`);
      await results.getByRole('link', { name: 'Trận Bạch Đằng' }).waitFor();
      assert.ok((await results.locator('mark').count()) >= 1, 'the words found are highlighted');
      await snap(page, `${viewport}-search-results`);
      await page.getByRole('main').getByRole('searchbox', { name: 'Search everything' }).fill('ha noi');
      await page.getByRole('main').getByRole('button', { name: 'Search' }).click();
      await results.getByRole('link', { name: 'Trận Bạch Đằng' }).waitFor(); // "All": the story that says Hà Nội too
      await page.getByRole('button', { name: 'Entries', exact: true }).click();
      await page.waitForURL(/type=entry/);
      await results.getByRole('link', { name: 'Trận Bạch Đằng' }).waitFor({ state: 'detached' }); // only entries
      const placeHit = results.getByRole('link', { name: 'Hà Nội', exact: true });
      await placeHit.waitFor();
      assert.equal(await placeHit.getAttribute('href'), `/worlds/${wid}/entries/${place.location_id}`);
      await snap(page, `${viewport}-search-entries`);

      // a dated event on the timeline, and the timeline filtered by the story
      await extractEvents(url, wid, token);
      await page.goto(`/worlds/${wid}?tab=timeline`);
      const first = page.locator('.timeline-event').first();
      await first.waitFor();
      const title = (await first.getByRole('heading').textContent()).trim(); // [[mentions]] read as names
      await first.getByRole('button', { name: `Edit event ${title}` }).click();
      const eventForm = first.getByRole('form', { name: `Edit event ${title}` });
      const eventWhen = eventForm.getByRole('group', { name: 'When' });
      await eventWhen.getByLabel('Year').fill('1288');
      await eventWhen.getByLabel('Month').selectOption({ label: 'Tháng Hai' });
      await eventWhen.getByLabel('Day').selectOption('3');
      await snap(page, `${viewport}-event-date`);
      await eventForm.getByRole('button', { name: 'Save event' }).click();
      const dated = page.locator('.timeline-event', { hasText: title });
      await dated.locator('.timeline-day', { hasText: '3 Tháng Hai 1288 CN' }).waitFor();
      const filters = page.getByRole('group', { name: 'Show events of' });
      await filters.getByLabel('Story').selectOption({ label: 'Trận Bạch Đằng' });
      await page.waitForURL(new RegExp(`story_id=${storyId}`));
      await dated.locator('.timeline-day').waitFor();
      await dated.scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-timeline-dated`);
      const events = (await api(url, 'GET', `/worlds/${wid}/events?story_id=${storyId}`, undefined, token)).data.timeline.years.flatMap((y) => y.events);
      assert.ok(events.some((e) => e.title.replace(/\[\[|\]\]/g, '') === title && e.date.month === 2 && e.date.day === 3), JSON.stringify(events.map((e) => [e.title, e.date])));
    });
    await context.close();
  });
}
