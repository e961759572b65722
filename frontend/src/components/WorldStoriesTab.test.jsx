import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gpt, reviews, worlds } from '../services/api.js';
import WorldStoriesTab from './WorldStoriesTab.jsx';
import { list, renderAt, world } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());
beforeEach(() => {
  vi.spyOn(worlds, 'stories').mockResolvedValue(list([{ story_id: 's1', title: 'The Gate', entities: [], locations: [], visibility: 'private' }]));
});

const batch = (over = {}) => ({
  message: 'Analysed 2 stories; 1 story links',
  total_characters_found: 3,
  total_locations_found: 1,
  linked_count: 1,
  review_id: 'r9',
  analyzed_stories: [
    { story_id: 's1', title: 'The Gate', characters: ['Mara', 'Daven Voss'], locations: ['Emberfall'], created_entities: ['Mara'], created_locations: [] },
    { story_id: 's2', title: 'The Pass', characters: ['Mara'], locations: ['Kharzul Pass'], created_entities: [], created_locations: ['Kharzul Pass'] },
  ],
  ...over,
});

async function runBatch(result) {
  vi.spyOn(gpt, 'batchAnalyze').mockResolvedValue({ task_id: 't1', status: 'pending' });
  vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result });
  renderAt(<WorldStoriesTab world={world} editable />);
  fireEvent.click(await screen.findByRole('button', { name: /Analyse unlinked stories/ }));
}

describe('WorldStoriesTab: "Analyse unlinked stories"', () => {
  it('says what the batch found and created, and undoes it in one step', async () => {
    await runBatch(batch());
    expect(await screen.findByText('Analysed 2 stories; 1 story links. Found 3 characters and 1 place.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Created 1 character (Mara) and 1 place (Kharzul Pass).')).toBeInTheDocument();
    const undo = vi.spyOn(reviews, 'undo').mockResolvedValue({ review_id: 'r9', undone: true });
    fireEvent.click(screen.getByRole('button', { name: 'Undo this analysis' }));
    await waitFor(() => expect(undo).toHaveBeenCalledWith('r9'));
    expect(await screen.findByText(/Undone: what it created is in the trash/)).toBeInTheDocument();
  });

  it('says when nothing new was created', async () => {
    await runBatch(batch({ analyzed_stories: [{ story_id: 's1', title: 'The Gate', characters: ['Mara'], locations: [], created_entities: [], created_locations: [] }] }));
    expect(await screen.findByText('Nothing new was created: every name found is already in the world.', {}, { timeout: 5000 })).toBeInTheDocument();
  });
});
