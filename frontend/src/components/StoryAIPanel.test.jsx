import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpt, stories } from '../services/api.js';
import StoryAIPanel from './StoryAIPanel.jsx';
import { queryKeys } from '../services/queries.js';
import { renderAt } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const story = { story_id: 's1', world_id: 'w1', title: 'The Gate', genre: 'mystery', content: 'Ayla walks to Lumen.', description: 'short' };

describe('StoryAIPanel', () => {
  it('"Analyse" starts the story analysis, polls it, and refreshes the review; it creates and links nothing', async () => {
    const start = vi.spyOn(stories, 'startAnalysis').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result')
      .mockResolvedValueOnce({ status: 'processing', progress: { done: 0, total: 1, message: 'Reading' } })
      .mockResolvedValue({ status: 'completed', result: { review_id: 'r1', story_id: 's1', proposals: 4, message: 'Found 4 names to review.' } });
    const link = vi.spyOn(stories, 'linkEntities');
    const { queryClient } = renderAt(<StoryAIPanel story={story} />);
    queryClient.setQueryData(queryKeys.stories.review('s1'), null);
    expect(screen.queryByRole('button', { name: /Analyse and link/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Analyse' }));
    expect(await screen.findByText('Found 4 names to review.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(start).toHaveBeenCalledWith('s1');
    expect(screen.getByRole('link', { name: 'Review them' })).toHaveAttribute('href', '#story-review');
    expect(queryClient.getQueryState(queryKeys.stories.review('s1')).isInvalidated).toBe(true);
    expect(link).not.toHaveBeenCalled();
  });

  it('shows the job error', async () => {
    vi.spyOn(stories, 'startAnalysis').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'error', result: 'AI provider unavailable' });
    renderAt(<StoryAIPanel story={story} />);
    fireEvent.click(screen.getByRole('button', { name: 'Analyse' }));
    expect(await screen.findByText('AI provider unavailable', {}, { timeout: 5000 })).toBeInTheDocument();
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
