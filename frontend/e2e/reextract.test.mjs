// End-to-end: "Re-analyse everything" on the timeline says what it will keep (events a person made,
// edited or connected) and replace (the machine's other events) and runs only once confirmed; the
// renamed event survives it. Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();

const STORY = [
  'In the spring of 1212 Mara Quell left Emberfall with the Grey Company.',
  'Three winters later the company reached Kharzul Pass, and Mara Quell burned the old bridge behind them.',
  'Daven Voss betrayed the company to the Council of Ash. Mara Quell confronted Daven Voss at the gate.',
  'At midsummer the Council of Ash fell, and Mara Quell returned to Emberfall.',
].join(' ');

async function timeline(url, wid, token) {
  const res = await api(url, 'GET', `/worlds/${wid}/events`, undefined, token);
  assert.equal(res.status, 200, JSON.stringify(res.data));
  return res.data.timeline.years.flatMap((y) => y.events);
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: "Re-analyse everything" says what it keeps and replaces, asks, and keeps the renamed event`, { timeout: 120000 }, async () => {
    const { url } = suite.backend;
    const token = (await api(url, 'POST', '/auth/register', { username: `tobias_${viewport}`, email: `tobias_${viewport}@example.com`, password: 'reextract-password-1' })).data.token;
    const wid = (await api(url, 'POST', '/worlds', { name: 'The Ashen March', world_type: 'fantasy' }, token)).data.world_id;
    await api(url, 'POST', '/stories', { world_id: wid, title: 'The Burning Bridge', content: STORY }, token);
    const job = (await api(url, 'POST', `/worlds/${wid}/events/extract`, {}, token)).data;
    for (let i = 0; i < 100; i++) {
      const res = (await api(url, 'GET', `/gpt/results/${job.task_id}`, undefined, token)).data;
      if (res.status === 'completed') break;
      assert.notEqual(res.status, 'error', JSON.stringify(res));
      await new Promise((r) => setTimeout(r, 200));
    }
    const before = await timeline(url, wid, token);
    assert.ok(before.length >= 2, `events: ${before.map((e) => e.title)}`);
    const mine = before[0];
    assert.equal((await api(url, 'PATCH', `/events/${mine.event_id}`, { title: 'Mara leaves Emberfall for good' }, token)).status, 200);

    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();
    await guarded(page, `${viewport}-reextract`, async () => {
      await page.goto(`/worlds/${wid}?tab=timeline`);
      await page.getByRole('heading', { name: 'Mara leaves Emberfall for good' }).waitFor();
      await page.getByLabel('Re-analyse everything').check();
      await page.getByRole('button', { name: 'Re-analyse everything…' }).click();
      const ask = page.getByRole('alertdialog', { name: 'Re-analyse every story’s events?' });
      await ask.getByText('Kept: 1 event you made, edited or connected.').waitFor();
      const replaced = before.length - 1;
      await ask.getByText(`Replaced: the ${replaced} event${replaced === 1 ? '' : 's'} the AI made.`).waitFor();
      await snap(page, `${viewport}-reextract-confirm`);
      await ask.getByRole('button', { name: 'Cancel' }).click();
      assert.equal(await page.getByRole('alertdialog').count(), 0);

      await page.getByRole('button', { name: 'Re-analyse everything…' }).click();
      await page.getByRole('button', { name: 'Yes, re-analyse everything' }).click();
      await page.getByRole('status').filter({ hasText: /events?/ }).waitFor({ timeout: 60000 });
      await page.getByRole('heading', { name: 'Mara leaves Emberfall for good' }).waitFor();
      await snap(page, `${viewport}-reextract-done`);
      const after = await timeline(url, wid, token);
      const kept = after.find((e) => e.event_id === mine.event_id);
      assert.ok(kept, 'the renamed event survives the re-extraction');
      assert.equal(kept.title, 'Mara leaves Emberfall for good');
    });
    await context.close();
  });
}
