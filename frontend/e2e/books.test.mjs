// End-to-end: books (needs the books API of plan D). A writer makes a book in the world's Books tab,
// adds two written stories and a new chapter, sees the words per chapter and in all, reorders the
// chapters by dragging and from the keyboard (the order is saved), then reads the book: next and
// previous chapter, font size and width remembered, and the place reached is where it reopens.
// Desktop and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();
const para = (words) => Array.from({ length: words }, (_, i) => (i % 12 === 11 ? 'biển.' : 'sóng')).join(' ');

/** The chapter titles as the book page lists them, in order. */
const titles = (page) => page.getByRole('list', { name: 'Chapters' }).locator('.chapter-title a').allInnerTexts();

async function drag(page, from, to) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + ((b.y - a.y - 6) * i) / steps);
  await page.waitForTimeout(150);
  await page.mouse.up();
}

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: a book: chapters added, counted, reordered (drag and keyboard) and read`, { timeout: 150000 }, async () => {
    const { url } = suite.backend;
    const reg = await api(url, 'POST', '/auth/register', { username: `thu_${viewport}`, email: `thu_${viewport}@example.com`, password: 'books-password-1' });
    const token = reg.data.token;
    const world = (await api(url, 'POST', '/worlds', { name: 'Quần đảo Sương', world_type: 'fantasy' }, token)).data;
    const mk = async (title, content) => (await api(url, 'POST', '/stories', { world_id: world.world_id, title, content }, token)).data.story;
    await mk('Bến cảng', `## Bến cảng\n\n${para(300)}\n\n* * *\n\n${para(120)}`);
    await mk('Ngọn hải đăng', para(2000));
    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();
    let bookId;
    const stored = async () => (await api(url, 'GET', `/books/${bookId}`, undefined, token)).data;

    await guarded(page, `${viewport}-books-make`, async () => {
      await page.goto(`/worlds/${world.world_id}?tab=books`);
      const make = page.getByRole('form', { name: 'New book' });
      await make.getByLabel('New book').fill('Biên niên sử Sương');
      await make.getByRole('button', { name: 'Create book' }).click();
      await page.getByRole('link', { name: 'Biên niên sử Sương' }).waitFor();
      await snap(page, `${viewport}-world-books-tab`);
      await page.getByRole('link', { name: 'Biên niên sử Sương' }).click();
      await page.getByRole('heading', { level: 1, name: 'Biên niên sử Sương' }).waitFor();
      bookId = page.url().split('/books/')[1];
      const add = page.getByRole('form', { name: 'Add a chapter' });
      for (const title of ['Bến cảng', 'Ngọn hải đăng']) {
        await add.getByLabel('Or a story of this world').selectOption({ label: title });
        await add.getByRole('button', { name: 'Add chapter' }).click();
        await page.getByRole('list', { name: 'Chapters' }).getByRole('link', { name: title }).waitFor();
      }
      await add.getByLabel('New chapter title').fill('Bão');
      await add.getByRole('button', { name: 'Add chapter' }).click();
      await page.getByRole('list', { name: 'Chapters' }).getByRole('link', { name: 'Bão' }).waitFor();
      assert.deepEqual(await titles(page), ['Bến cảng', 'Ngọn hải đăng', 'Bão']);
      const list = page.getByRole('list', { name: 'Chapters' });
      await list.getByText('422 words · 2 scenes').waitFor(); // the heading's two words count too
      await list.getByText('2,000 words').waitFor();
      await page.getByText('3 chapters · 2,422 words').waitFor();
      await snap(page, `${viewport}-book-page`);
    });

    await guarded(page, `${viewport}-books-reorder`, async () => {
      const list = page.getByRole('list', { name: 'Chapters' });
      // drag "Bão" (3rd) above the first
      await drag(page, list.getByRole('button', { name: 'Move chapter 3: Bão' }), list.getByRole('button', { name: 'Move chapter 1: Bến cảng' }));
      await page.waitForFunction(() => document.querySelector('.chapter-title a')?.textContent === 'Bão');
      assert.deepEqual(await titles(page), ['Bão', 'Bến cảng', 'Ngọn hải đăng']);
      for (let i = 0; i < 50 && (await stored()).chapters[0].title !== 'Bão'; i++) await page.waitForTimeout(100);
      assert.deepEqual((await stored()).chapters.map((c) => c.title), ['Bão', 'Bến cảng', 'Ngọn hải đăng']);
      // keyboard: Space picks "Bão" up, ArrowDown moves it one down, Space drops it
      const handle = list.getByRole('button', { name: 'Move chapter 1: Bão' });
      await handle.focus();
      await page.keyboard.press('Space');
      await page.waitForTimeout(200);
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(200);
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelectorAll('.chapter-title a')[1]?.textContent === 'Bão');
      for (let i = 0; i < 50 && (await stored()).chapters[1].title !== 'Bão'; i++) await page.waitForTimeout(100);
      assert.deepEqual((await stored()).chapters.map((c) => c.title), ['Bến cảng', 'Bão', 'Ngọn hải đăng']);
      await page.reload();
      await page.getByRole('list', { name: 'Chapters' }).waitFor();
      assert.deepEqual(await titles(page), ['Bến cảng', 'Bão', 'Ngọn hải đăng']);
      await snap(page, `${viewport}-book-reordered`);
      // a chapter's own page says where it stands in the book
      await page.getByRole('list', { name: 'Chapters' }).getByRole('link', { name: 'Bão' }).click();
      await page.getByText('Chapter 2 of', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Biên niên sử Sương' }).click();
      await page.getByRole('list', { name: 'Chapters' }).waitFor();
    });

    await guarded(page, `${viewport}-books-read`, async () => {
      await page.getByRole('link', { name: 'Read', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Bến cảng' }).waitFor();
      await page.getByText('Chapter 1', { exact: true }).waitFor();
      await snap(page, `${viewport}-reader-first`);
      await page.getByRole('link', { name: /Next: Bão/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Bão' }).waitFor();
      await page.getByText('This chapter has no text yet.').waitFor();
      await page.getByRole('link', { name: /Next: Ngọn hải đăng/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Ngọn hải đăng' }).waitFor();
      await page.getByRole('link', { name: /The end/ }).waitFor();
      await page.getByRole('link', { name: /Previous: Bão/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Bão' }).waitFor();
      await page.getByRole('link', { name: /Next: Ngọn hải đăng/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Ngọn hải đăng' }).waitFor();

      // text size and width, remembered on this device
      await page.getByRole('button', { name: 'Larger text' }).click();
      await page.getByRole('button', { name: 'Larger text' }).click();
      await page.getByRole('combobox', { name: 'Width' }).selectOption('narrow');
      const fontSize = () => page.locator('.reader-text').evaluate((el) => getComputedStyle(el).fontSize);
      assert.equal(await fontSize(), '21px');
      // read half-way into the long chapter; the place is saved 1.5 s after scrolling stops
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      let pos = null;
      for (let i = 0; i < 60; i++) {
        pos = (await api(url, 'GET', `/books/${bookId}/position`, undefined, token)).data;
        if (pos.story_id && pos.progress > 0.2) break;
        await page.waitForTimeout(200);
      }
      assert.equal((await stored()).chapters.find((c) => c.story_id === pos.story_id).title, 'Ngọn hải đăng');
      assert.ok(pos.progress > 0.2 && pos.progress < 0.9, `progress ${pos.progress}`);
      await page.locator('.reader-toc summary').click();
      await snap(page, `${viewport}-reader-settings`);

      // the book opened again: the same chapter, about the same place, the same text size
      await page.goto(`/books/${bookId}/read`);
      await page.getByRole('heading', { level: 1, name: 'Ngọn hải đăng' }).waitFor();
      assert.equal(await fontSize(), '21px');
      await page.waitForFunction(() => window.scrollY > 200);
      await snap(page, `${viewport}-reader-resumed`);
    });
    await context.close();
  });
}
