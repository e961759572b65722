// End-to-end: the codex. An owner adds a custom field for characters (settings), creates a faction
// and two characters in the Codex tab (one with the field filled), opens an entry's page, adds a
// sibling relation there, uploads an image (a bad file first: a clear refusal), sees the family
// tree (a parent added through the API); a story mentions her with [[…]]: its link opens her page,
// which lists the story; searching without tone marks finds her; the graph shows the relations and
// opens a node's page.
// Desktop and phone sizes; screenshots in e2e/artifacts/screens/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/backend.mjs';
import { png } from './lib/png.mjs';
import { VIEWPORTS, signedInContext, snap } from './lib/browser.mjs';
import { guarded, liveSuite } from './lib/suite.mjs';

const suite = liveSuite();

for (const [viewport, size] of VIEWPORTS) {
  test(`${viewport}: a faction, two characters with a custom field and a sibling relation, the graph, the family tree, an image`, { timeout: 180000 }, async () => {
    const { url } = suite.backend;
    const reg = await api(url, 'POST', '/auth/register', { username: `codex_${viewport}`, email: `codex_${viewport}@example.com`, password: 'codex-password-1' });
    const token = reg.data.token;
    const world = (await api(url, 'POST', '/worlds', { name: 'Quần đảo Đèn Biển', world_type: 'fantasy', language: 'vi' }, token)).data;
    const wid = world.world_id;
    const context = await signedInContext(suite.browser, url, size, token);
    const page = await context.newPage();
    const phone = viewport === 'phone';

    await guarded(page, `${viewport}-codex-field`, async () => {
      await page.goto(`/worlds/${wid}?tab=settings`);
      const add = page.getByRole('form', { name: 'New field' });
      await add.getByLabel('New field').fill('Quê quán');
      await add.getByRole('button', { name: 'Add field' }).click();
      await page.getByLabel('Label of Quê quán').waitFor();
      await snap(page, `${viewport}-codex-settings`);
    });

    await guarded(page, `${viewport}-codex-create`, async () => {
      await page.getByRole('tab', { name: 'Codex' }).click();
      await page.getByText('The codex is empty.').waitFor();
      await page.getByRole('button', { name: 'New entry' }).click();
      const form = page.getByRole('form', { name: 'New entry' });
      await form.getByLabel('Kind').selectOption('faction');
      await form.getByLabel('Name', { exact: true }).fill('Hội Giữ Đèn');
      await form.getByLabel('Tags').fill('hội kín, đảo');
      await form.getByRole('button', { name: 'Add faction' }).click();
      await page.getByRole('status').getByText('Added faction “Hội Giữ Đèn”.').waitFor();

      await form.getByLabel('Kind').selectOption('character');
      await form.getByLabel('Name', { exact: true }).fill('Trần Thị Mây');
      await form.getByLabel('Description').fill('Người giữ ngọn hải đăng cuối cùng.');
      await form.getByLabel('Quê quán').fill('Hà Nội');
      await form.getByLabel('Tags').fill('đảo');
      await snap(page, `${viewport}-codex-new-entry`);
      await form.getByRole('button', { name: 'Add character' }).click();
      await page.getByRole('status').getByText('Added character “Trần Thị Mây”.').waitFor();

      await form.getByLabel('Name', { exact: true }).fill('Trần Văn Sóng');
      await form.getByRole('button', { name: 'Add character' }).click();
      await page.getByRole('status').getByText('Added character “Trần Văn Sóng”.').waitFor();
      await form.getByRole('button', { name: 'Close' }).click();
      assert.equal(await page.getByTestId('codex-card').count(), 3);
      await snap(page, `${viewport}-codex-cards`);
      await page.getByRole('button', { name: 'Table' }).click();
      await page.getByTestId('codex-row').first().waitFor();
      assert.equal(await page.getByTestId('codex-row').count(), 3);
      await snap(page, `${viewport}-codex-table`);
    });

    await guarded(page, `${viewport}-codex-entry`, async () => {
      await page.getByRole('link', { name: 'Trần Thị Mây' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trần Thị Mây' }).waitFor();
      const details = page.getByRole('region', { name: 'Details' });
      await details.getByText('Quê quán').waitFor();
      await details.getByText('Hà Nội').waitFor();
      // a tag chip opens the codex filtered by it
      assert.equal(await page.getByRole('link', { name: 'Tag: đảo' }).getAttribute('href'), `/worlds/${wid}?tab=codex&tag=%C4%91%E1%BA%A3o`);

      await page.getByRole('button', { name: 'Add relation' }).click();
      const form = page.getByRole('form', { name: 'New relation' });
      await form.getByLabel('Trần Thị Mây is…').selectOption({ label: 'sibling of' });
      await form.getByRole('searchbox', { name: '…sibling of' }).fill('tran van');
      await form.getByRole('button', { name: /Trần Văn Sóng/ }).click();
      await form.getByLabel('Attitude').selectOption('2');
      await form.getByLabel('Note').fill('Hai chị em cùng lớn lên trên đảo.');
      await snap(page, `${viewport}-codex-relation-form`);
      await form.getByRole('button', { name: 'Add relation' }).click();
      const relation = page.getByTestId('relation');
      await relation.getByRole('link', { name: 'Trần Văn Sóng' }).waitFor();
      assert.match(await relation.innerText(), /sibling of/);
      assert.match(await relation.innerText(), /\+2 friendly/);
      await snap(page, `${viewport}-codex-entry-page`);
    });

    await guarded(page, `${viewport}-codex-image`, async () => {
      await page.getByText('Add an image').click();
      const input = page.getByLabel('Image of Trần Thị Mây');
      // a program renamed to .png: refused by the API, said plainly
      await input.setInputFiles({ name: 'setup.png', mimeType: 'image/png', buffer: Buffer.from('MZ\x90\x00 this is not an image at all') });
      await page.getByRole('button', { name: 'Upload' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'setup.png' });
      await refusal.waitFor();
      assert.match(await refusal.innerText(), /“setup\.png” \(\d+ B\): .*(not a supported image|not a valid)/i);
      await snap(page, `${viewport}-codex-image-refused`);
      await input.setInputFiles({ name: 'may.png', mimeType: 'image/png', buffer: png(96) });
      await page.getByText(/may\.png · \d/).waitFor();
      await page.getByRole('button', { name: 'Upload' }).click();
      const img = page.getByRole('img', { name: 'Image of Trần Thị Mây' });
      await img.waitFor();
      await page.waitForFunction(() => {
        const el = document.querySelector('img.entry-picture');
        return el && el.complete && el.naturalWidth > 0;
      });
      const stored = (await api(url, 'GET', `/worlds/${wid}/entries?q=${encodeURIComponent('Trần Thị Mây')}`, undefined, token)).data;
      assert.ok(stored[0].image_id, 'the image is set on the entry');
      await snap(page, `${viewport}-codex-image`);
    });

    await guarded(page, `${viewport}-codex-family`, async () => {
      const list = (await api(url, 'GET', `/worlds/${wid}/entries?kind=character`, undefined, token)).data;
      const id = (name) => list.find((e) => e.name === name).id;
      const parent = (await api(url, 'POST', `/worlds/${wid}/entities`, { name: 'Trần Lão Ngư', entity_type: 'character' }, token)).data;
      const parentId = parent.entity_id || parent.id;
      for (const child of ['Trần Thị Mây', 'Trần Văn Sóng']) {
        const made = await api(url, 'POST', `/worlds/${wid}/relations`, { source_id: parentId, target_id: id(child), type: 'parent_of' }, token);
        assert.equal(made.status, 201, JSON.stringify(made.data));
      }
      await page.reload();
      const tree = page.getByRole('region', { name: 'Family tree (scrolls sideways when wide)' });
      await tree.getByRole('link', { name: 'Trần Lão Ngư' }).waitFor();
      await tree.getByRole('link', { name: 'Trần Văn Sóng' }).waitFor();
      const top = async (name) => (await tree.getByRole('link', { name }).boundingBox()).y;
      assert.ok((await top('Trần Lão Ngư')) < (await top('Trần Thị Mây')), 'the parent is a generation above');
      assert.equal(Math.round(await top('Trần Thị Mây')), Math.round(await top('Trần Văn Sóng')), 'siblings share a generation');
      await page.getByRole('heading', { name: 'Family tree' }).scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-codex-family-tree`);
    });

    await guarded(page, `${viewport}-codex-mentions`, async () => {
      // a story mentions her with [[…]]: its page links to hers, and hers lists the story
      const made = await api(url, 'POST', '/stories', { world_id: wid, title: 'Đêm bão trên đảo', content: 'Đêm ấy [[Trần Thị Mây]] thắp đèn cho thuyền về bến.' }, token);
      assert.equal(made.status, 201, JSON.stringify(made.data));
      const storyId = (made.data.story || made.data).story_id;
      await page.goto(`/stories/${storyId}`);
      await page.locator('.story-content').getByRole('link', { name: 'Trần Thị Mây' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trần Thị Mây' }).waitFor();
      const mentions = page.getByRole('list', { name: 'Mentions' });
      await mentions.getByRole('link', { name: 'Đêm bão trên đảo' }).waitFor();
      await page.getByRole('heading', { name: 'Appears in' }).scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-codex-appears-in`);

      // found by searching without tone marks, from the navigation bar
      const box = page.getByRole('search', { name: 'Everything' }).getByRole('searchbox', { name: 'Search everything' });
      await box.fill('tran thi may');
      await box.press('Enter');
      await page.waitForURL(/\/search\?q=tran\+thi\+may/);
      const hit = page.locator('.search-results').getByRole('link', { name: 'Trần Thị Mây', exact: true });
      await hit.waitFor();
      await snap(page, `${viewport}-codex-search`);
      await hit.click();
      await page.getByRole('heading', { level: 1, name: 'Trần Thị Mây' }).waitFor();
    });

    await guarded(page, `${viewport}-codex-graph`, async () => {
      await page.goto(`/worlds/${wid}?tab=graph`);
      const node = page.getByRole('button', { name: /^Character: Trần Văn Sóng, \d+ connections$/ });
      await node.waitFor();
      assert.match(await node.getAttribute('aria-label'), /, 2 connections$/); // sister and father
      const edges = await page.locator('line.edge').count();
      assert.equal(edges, 3);
      await page.locator('.edge-label', { hasText: 'sibling of' }).waitFor();
      await page.locator('figure.graph').scrollIntoViewIfNeeded();
      await snap(page, `${viewport}-codex-graph`);
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await snap(page, `${viewport}-codex-graph-zoomed`);
      await page.getByRole('button', { name: 'Reset' }).click();
      await node.click();
      await page.getByRole('heading', { level: 1, name: 'Trần Văn Sóng' }).waitFor();
      await page.getByTestId('relation').first().waitFor();
      if (phone) await snap(page, `${viewport}-codex-entry-sibling`);
    });
    await context.close();
  });
}
