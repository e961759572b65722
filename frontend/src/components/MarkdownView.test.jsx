import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mentions, worlds } from '../services/api.js';
import { friend, owner, renderAt, world } from '../test/utils.jsx';
import MarkdownView from './MarkdownView.jsx';

afterEach(() => vi.restoreAllMocks());

const render = (text, { worldId, user } = {}) => renderAt(<MarkdownView text={text} worldId={worldId} />, { user });

describe('MarkdownView: Markdown, safely', () => {
  it('draws paragraphs, emphasis, lists and line breaks', () => {
    const { container } = render('**Mira** rời *đảo*.\nBiển động.\n\n- một\n- hai');
    expect(container.querySelector('strong')).toHaveTextContent('Mira');
    expect(container.querySelector('em')).toHaveTextContent('đảo');
    expect(container.querySelector('p br')).not.toBeNull();
    expect(container.querySelectorAll('li')).toHaveLength(2);
  });

  it('never runs HTML from the text: script, img onerror and svg onload are dropped', () => {
    const attack = [
      '<script>window.pwned = 1</script>',
      'Hi <img src=x onerror="window.pwned = 2"> there',
      '<svg onload="window.pwned = 3"><circle /></svg>',
      '<a href="javascript:window.pwned = 4">raw link</a>',
      '<iframe src="https://evil.example"></iframe>',
    ].join('\n\n');
    const { container } = render(attack);
    expect(container.querySelector('script, img, svg, iframe, [onerror], [onload]')).toBeNull();
    expect(container.innerHTML).not.toMatch(/onerror|onload|javascript:|<script/i);
    expect(window.pwned).toBeUndefined();
    expect(container).toHaveTextContent('Hi there');
  });

  it('keeps only http(s), mailto and relative links, opened safely', () => {
    const { container } = render(
      [
        '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](%20javascript:alert(1)) [d](data:text/html,<script>x</script>)',
        '[e](vbscript:msgbox) [f](&#106;avascript:alert(1)) [g](<java\tscript:alert(1)>)',
        '[web](https://example.com/x) [mail](mailto:a@b.vn) [page](/worlds/w1) [rel](notes/x)',
      ].join('\n\n'),
    );
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/x', 'mailto:a@b.vn', '/worlds/w1', 'notes/x']);
    expect(container.innerHTML).not.toMatch(/javascript|vbscript|data:/i);
    const web = screen.getByRole('link', { name: 'web' });
    expect(web).toHaveAttribute('rel', 'noopener noreferrer');
    expect(web).toHaveAttribute('target', '_blank');
    // a dropped link keeps its words
    expect(container).toHaveTextContent('a b c d');
  });

  it('draws images only from this site; one from elsewhere is a link, one with a bad scheme nothing', () => {
    const { container } = render('![map](/api/images/i1) ![spy](https://tracker.example/p.gif) ![x](javascript:alert(1))');
    const imgs = container.querySelectorAll('img');
    expect(imgs).toHaveLength(1);
    expect(imgs[0]).toHaveAttribute('src', '/api/images/i1');
    expect(screen.getByRole('link', { name: 'spy' })).toHaveAttribute('href', 'https://tracker.example/p.gif');
    expect(container.innerHTML).not.toMatch(/javascript/i);
  });

  it('renders nothing for no text', () => {
    const { container } = render('');
    expect(container).toBeEmptyDOMElement();
  });
});

describe('MarkdownView: [[mentions]]', () => {
  it('links each mention to its entry, resolving the names in one request', async () => {
    const resolve = vi.spyOn(mentions, 'resolve').mockResolvedValue({
      'Trần Hưng Đạo': { kind: 'character', id: 'c1', name: 'Trần Hưng Đạo' },
      'Hà Nội': { kind: 'location', id: 'l1', name: 'Hà Nội' },
    });
    render('[[Trần Hưng Đạo]] rode to [[Hà Nội|the capital]]; again [[Trần Hưng Đạo|he]] rode. `[[Not me]]`', { worldId: 'w1' });
    const hero = await screen.findByRole('link', { name: 'Trần Hưng Đạo' });
    expect(hero).toHaveAttribute('href', '/worlds/w1/entries/c1');
    expect(hero).toHaveClass('mention', 'mention-character');
    expect(screen.getByRole('link', { name: 'the capital' })).toHaveAttribute('href', '/worlds/w1/entries/l1');
    expect(screen.getByRole('link', { name: 'he' })).toHaveAttribute('href', '/worlds/w1/entries/c1');
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledWith('w1', ['Hà Nội', 'Trần Hưng Đạo']);
    // code shows what was typed
    expect(screen.getByText('[[Not me]]').tagName).toBe('CODE');
  });

  it('shows the text of a mention while resolving and without a world', () => {
    vi.spyOn(mentions, 'resolve').mockReturnValue(new Promise(() => {}));
    const { container } = render('Met [[Ayla|her]].');
    expect(container).toHaveTextContent('Met her.');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('marks a mention that matches nothing; a reader sees it as such, without a button', async () => {
    vi.spyOn(mentions, 'resolve').mockResolvedValue({ Zed: null });
    vi.spyOn(worlds, 'get').mockResolvedValue(world);
    render('Then [[Zed]] came.', { worldId: 'w1', user: friend });
    const zed = await screen.findByTitle('“Zed” is not in the codex');
    expect(zed).toHaveClass('mention-unresolved');
    expect(zed).toHaveTextContent('Zed (not in the codex)');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets the owner create an unresolved entry with one click on its kind, then links it', async () => {
    const resolve = vi
      .spyOn(mentions, 'resolve')
      .mockResolvedValueOnce({ 'Bà Triệu': null, Zed: null })
      .mockResolvedValue({ 'Bà Triệu': { kind: 'character', id: 'c9', name: 'Bà Triệu' }, Zed: null });
    vi.spyOn(worlds, 'get').mockResolvedValue(world);
    const create = vi.spyOn(worlds, 'createEntity').mockResolvedValue({ entity_id: 'c9', name: 'Bà Triệu' });
    const createLocation = vi.spyOn(worlds, 'createLocation');
    render('[[Bà Triệu]] met [[Zed]].', { worldId: 'w1', user: owner });
    fireEvent.click(await screen.findByRole('button', { name: 'Bà Triệu: not in the codex yet, create entry' }));
    const dialog = screen.getByRole('dialog', { name: 'Create “Bà Triệu”' });
    expect(within(dialog).getByRole('group', { name: 'Kind of entry' })).toHaveTextContent('CharacterCreatureFactionItemLoreLocation');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Character' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith('w1', { name: 'Bà Triệu', entity_type: 'character' }));
    expect(createLocation).not.toHaveBeenCalled();
    expect(await screen.findByRole('link', { name: 'Bà Triệu' })).toHaveAttribute('href', '/worlds/w1/entries/c9');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('creates a location through the locations route, and shows a refusal in the dialog', async () => {
    vi.spyOn(mentions, 'resolve').mockResolvedValue({ 'Hàng Bạc': null });
    vi.spyOn(worlds, 'get').mockResolvedValue(world);
    const err = Object.assign(new Error('A location with this name exists'), { isApiError: true, status: 409 });
    const create = vi.spyOn(worlds, 'createLocation').mockRejectedValue(err);
    render('Phố [[Hàng Bạc]].', { worldId: 'w1', user: owner });
    fireEvent.click(await screen.findByRole('button', { name: /Hàng Bạc: not in the codex yet/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Location' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith('w1', { name: 'Hàng Bạc' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A location with this name exists');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
