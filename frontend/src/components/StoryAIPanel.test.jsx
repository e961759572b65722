import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpt, stories } from '../services/api.js';
import StoryAIPanel from './StoryAIPanel.jsx';
import { queryKeys } from '../services/queries.js';
import { renderAt } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const story = { story_id: 's1', world_id: 'w1', title: 'The Gate', genre: 'mystery', content: 'Ayla walks to Lumen.', description: 'short' };

describe('StoryAIPanel', () => {
  it('analyses the story text, polls, then links the result', async () => {
    const analyze = vi.spyOn(gpt, 'analyze').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result')
      .mockResolvedValueOnce({ status: 'processing', progress: { done: 0, total: 1, message: 'Reading' } })
      .mockResolvedValue({ status: 'completed', result: { characters: [{ name: 'Ayla', role: 'hero' }], locations: [{ name: 'Lumen', description: '' }] } });
    const linked = { ...story, entities: ['e1'] };
    const link = vi.spyOn(stories, 'linkEntities').mockResolvedValue({ message: 'Linked 1 character and 1 location', story: linked, created_entities: [], created_locations: [] });
    const { queryClient } = renderAt(<StoryAIPanel story={story} />);
    queryClient.setQueryData(queryKeys.worlds.characters('w1'), { items: [], total: 0 });
    fireEvent.click(screen.getByRole('button', { name: /Analyse and link/ }));
    expect(await screen.findByText('Linked 1 character and 1 location', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(analyze).toHaveBeenCalledWith({ story_description: 'Ayla walks to Lumen.', story_title: 'The Gate', story_genre: 'mystery' });
    expect(link).toHaveBeenCalledWith('s1', {
      characters: [{ name: 'Ayla', role: 'hero' }],
      locations: [{ name: 'Lumen', description: '' }],
      auto_create: true,
    });
    // the page shows the linked story, and the world's cast (new characters) is refetched
    expect(queryClient.getQueryData(queryKeys.stories.detail('s1'))).toEqual(linked);
    expect(queryClient.getQueryState(queryKeys.worlds.characters('w1')).isInvalidated).toBe(true);
    expect(screen.getByText(/Found characters: Ayla · places: Lumen/)).toBeInTheDocument();
  });

  it('shows the job error and does not link', async () => {
    vi.spyOn(gpt, 'analyze').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'error', result: 'AI provider unavailable' });
    const link = vi.spyOn(stories, 'linkEntities');
    renderAt(<StoryAIPanel story={story} />);
    fireEvent.click(screen.getByRole('button', { name: /Analyse and link/ }));
    expect(await screen.findByText('AI provider unavailable', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(link).not.toHaveBeenCalled();
  });

  it('extracts events and offers the timeline', async () => {
    vi.spyOn(stories, 'extractEvents').mockResolvedValue({ task_id: 't2', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { events: [{}, {}] } });
    renderAt(<StoryAIPanel story={story} />);
    fireEvent.click(screen.getByRole('button', { name: /Extract events/ }));
    expect(await screen.findByText(/Extracted 2 events./, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View the timeline' })).toHaveAttribute('href', '/worlds/w1?tab=timeline');
  });

  it('clears links after confirmation', async () => {
    const clear = vi.spyOn(stories, 'clearLinks').mockResolvedValue({ message: 'Links cleared', story });
    renderAt(<StoryAIPanel story={story} />);
    fireEvent.click(screen.getByRole('button', { name: 'Clear links' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, clear links' }));
    await waitFor(() => expect(clear).toHaveBeenCalledWith('s1'));
    expect(await screen.findByText('Links cleared')).toBeInTheDocument();
  });
});
