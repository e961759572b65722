import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { worlds } from '../services/api.js';
import { list, renderAt, world } from '../test/utils.jsx';
import StoryList from './StoryList.jsx';
import WorldStoriesTab from './WorldStoriesTab.jsx';

afterEach(() => vi.restoreAllMocks());

const story = {
  story_id: 's1',
  world_id: 'w1',
  title: 'Đêm Hà Nội',
  genre: 'mystery',
  visibility: 'private',
  description: 'Gặp [[Trần Hưng Đạo|ông]] ở [[Hà Nội]].',
  tags: ['chiến tranh', 'Chapter 1'],
  entities: ['c1'],
  locations: [],
  time_index: 40,
  metadata: { world_time: { label: '3 Harvest 1203 TA' } },
};

describe('StoryList', () => {
  it('links the title to the story and each tag to the stories with it; mentions read as plain text', () => {
    renderAt(<StoryList items={[story]} />);
    const card = screen.getByRole('article');
    expect(within(card).getByRole('link', { name: 'Đêm Hà Nội' })).toHaveAttribute('href', '/stories/s1');
    const tags = within(card).getByRole('list', { name: 'Tags of Đêm Hà Nội' });
    expect(within(tags).getByRole('link', { name: 'Tag: chiến tranh' })).toHaveAttribute('href', '/stories?tag=chi%E1%BA%BFn%20tranh');
    expect(card).toHaveTextContent('Gặp ông ở Hà Nội.');
    expect(card).toHaveTextContent('3 Harvest 1203 TA');
    expect(card).not.toHaveTextContent('time 40');
  });
});

describe('WorldStoriesTab: a tag filter', () => {
  it('lists the world’s stories with the tag from the address, and "Show all" drops it', async () => {
    const stories = vi.spyOn(worlds, 'stories').mockImplementation(async (_id, params) => list(params.tag ? [story] : [story, { ...story, story_id: 's2', title: 'Khác', tags: [] }]));
    renderAt(<WorldStoriesTab world={world} editable={false} />, { path: '/worlds/w1?tab=stories&tag=Chapter%201' });
    expect(await screen.findByRole('link', { name: 'Đêm Hà Nội' })).toBeInTheDocument();
    expect(stories).toHaveBeenCalledWith('w1', { per_page: 200, tag: 'Chapter 1' });
    expect(screen.getByRole('status')).toHaveTextContent('Tagged #Chapter 1');
    expect(screen.getByRole('link', { name: 'Tag: chiến tranh' })).toHaveAttribute('href', '/worlds/w1?tab=stories&tag=chi%E1%BA%BFn%20tranh');
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(await screen.findByRole('link', { name: 'Khác' })).toBeInTheDocument();
    expect(stories).toHaveBeenLastCalledWith('w1', { per_page: 200 });
  });
});
