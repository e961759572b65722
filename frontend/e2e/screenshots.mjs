// Takes a screenshot of every page (desktop and phone) into e2e/artifacts/screens/.
// Usage (from frontend/): npm run build && npm run screenshots
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { api, startBackend } from './lib/backend.mjs';
import { ARTIFACTS, launchBrowser } from './lib/browser.mjs';

const OUT = path.join(ARTIFACTS, 'screens');
mkdirSync(OUT, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitTask(url, token, taskId) {
  for (let i = 0; i < 120; i++) {
    const r = await api(url, 'GET', `/gpt/results/${taskId}`, undefined, token);
    if (r.status !== 200) return r;
    if (['completed', 'error', 'cancelled'].includes(r.data.status)) return r;
    await sleep(250);
  }
  return null;
}

const backend = await startBackend({
  env: { INITIAL_ADMIN_USERNAME: 'admin', INITIAL_ADMIN_EMAIL: 'admin@example.com', INITIAL_ADMIN_PASSWORD: 'admin-password-1' },
});
const browser = await launchBrowser();
try {
  const url = backend.url;
  const reg = await api(url, 'POST', '/auth/register', { username: 'ayla', email: 'ayla@example.com', password: 'password-123' });
  const token = reg.data.token;
  const world = (
    await api(url, 'POST', '/worlds', {
      name: 'Eldoria',
      world_type: 'fantasy',
      visibility: 'public',
      description: 'A misty archipelago of lantern-lit harbors, drowned spires and old sea gods who are slowly waking.',
      starter_cast: true,
    }, token)
  ).data;
  await api(url, 'POST', '/worlds', { name: 'Neon Verge', world_type: 'sci-fi', visibility: 'private', description: 'A city grown around a failing orbital elevator.' }, token);
  const texts = [
    ['The Lantern Road', 'Mira Thornwood left the lighthouse at dawn. In Saltmarsh Harbor she met Captain Oren Vale, who told her the sea gods were waking.', 20],
    ['The Drowned Spire', 'Oren Vale and Mira Thornwood dive into the Drowned Spire, where the priestess Ilse Marrow keeps the last lantern.', 60],
    ['Tide of Ash', 'War comes to Saltmarsh Harbor. Ilse Marrow betrays Oren Vale to the Ash Fleet.', 90],
  ];
  let firstStory;
  for (const [title, content, time_index] of texts) {
    const s = (await api(url, 'POST', '/stories', { world_id: world.world_id, title, description: content.split('.')[0] + '.', content, genre: 'adventure', visibility: 'public', time_index }, token)).data;
    const story = s.story || s;
    firstStory = firstStory || story;
    const t = await api(url, 'POST', '/gpt/analyze', { story_description: content, story_title: title, story_genre: 'adventure' }, token);
    if (t.status === 202) {
      const res = await waitTask(url, token, t.data.task_id);
      if (res && res.data.status === 'completed') await api(url, 'POST', `/stories/${story.story_id}/link-entities`, res.data.result, token);
    }
  }
  await api(url, 'POST', `/worlds/${world.world_id}/auto-link-stories`, {}, token);
  const ex = await api(url, 'POST', `/worlds/${world.world_id}/events/extract`, undefined, token);
  if (ex.status === 202) await waitTask(url, token, ex.data.task_id);
  const adminLogin = await api(url, 'POST', '/auth/login', { username: 'admin', password: 'admin-password-1' });
  // the codex: a faction, and an entry's page with a relation
  const faction = (await api(url, 'POST', `/worlds/${world.world_id}/entities`, { name: 'The Lantern Keepers', entity_type: 'faction', description: 'Keepers of the last lights of the archipelago.', tags: ['guild'] }, token)).data;
  const cast = (await api(url, 'GET', `/worlds/${world.world_id}/entries?kind=character&per_page=1`, undefined, token)).data || [];
  const someone = cast[0];
  if (someone && faction) await api(url, 'POST', `/worlds/${world.world_id}/relations`, { source_id: someone.id, target_id: faction.entity_id || faction.id, type: 'member_of', attitude: 2 }, token);

  const pages = [
    ['dashboard-anon', '/', null],
    ['login', '/login', null],
    ['register', '/register', null],
    ['dashboard', '/', token],
    ['worlds', '/worlds', token],
    ['worlds-new', '/worlds?new=1', token],
    ['world-stories', `/worlds/${world.world_id}`, token],
    ['world-characters', `/worlds/${world.world_id}?tab=characters`, token],
    ['world-locations', `/worlds/${world.world_id}?tab=locations`, token],
    ['world-timeline', `/worlds/${world.world_id}?tab=timeline`, token],
    ['world-graph', `/worlds/${world.world_id}?tab=graph`, token],
    ['world-codex', `/worlds/${world.world_id}?tab=codex`, token],
    ['world-codex-table', `/worlds/${world.world_id}?tab=codex&view=table`, token],
    ['world-settings', `/worlds/${world.world_id}?tab=settings`, token],
    ...(someone ? [['entry', `/worlds/${world.world_id}/entries/${someone.id}`, token]] : []),
    ['world-share', `/worlds/${world.world_id}?tab=share`, token],
    ['stories', '/stories', token],
    ['story-new', `/stories/new?world_id=${world.world_id}`, token],
    ['story', `/stories/${firstStory.story_id}`, token],
    ['admin', '/admin', adminLogin.data && adminLogin.data.token],
    ['not-found', '/no/such/page', token],
  ];
  for (const [viewport, size] of [['desktop', { width: 1280, height: 860 }], ['phone', { width: 390, height: 780 }]]) {
    for (const [name, route, tok] of pages) {
      const context = await browser.newContext({ baseURL: url, viewport: size, deviceScaleFactor: 1 });
      if (tok) await context.addInitScript((t) => localStorage.setItem('worldsmith_token', t), tok);
      const page = await context.newPage();
      await page.goto(route);
      await page.waitForLoadState('networkidle');
      await sleep(300);
      await page.screenshot({ path: path.join(OUT, `${viewport}-${name}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) console.warn(`warning: ${viewport}-${name} is ${overflow}px wider than the screen`);
      await context.close();
    }
  }
  // extra states: the phone menu open, and an AI job in progress (results held at "processing")
  {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 390, height: 780 } });
    await context.addInitScript((t) => localStorage.setItem('worldsmith_token', t), token);
    const page = await context.newPage();
    await page.goto('/worlds');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.screenshot({ path: path.join(OUT, 'phone-menu-open.png') });
    await context.close();
  }
  {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 860 } });
    await context.addInitScript((t) => localStorage.setItem('worldsmith_token', t), token);
    const page = await context.newPage();
    await page.route('**/api/gpt/results/*', (route) =>
      route.fulfill({ json: { status: 'processing', progress: { done: 1, total: 3, message: 'Reading the story' } } }),
    );
    await page.goto(`/stories/${firstStory.story_id}`);
    await page.getByRole('button', { name: 'Analyse', exact: true }).click();
    await page.getByText('Reading the story').waitFor();
    await page.screenshot({ path: path.join(OUT, 'desktop-story-task-running.png'), fullPage: true });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled').first().waitFor();
    await page.screenshot({ path: path.join(OUT, 'desktop-story-task-cancelled.png'), fullPage: true });
    await context.close();
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await backend.stop();
}
