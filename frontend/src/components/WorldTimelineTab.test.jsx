import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpt, worlds } from '../services/api.js';
import WorldTimelineTab from './WorldTimelineTab.jsx';
import { extractionSummary } from '../utils/reextract.js';
import { renderAt, world } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const ev = (id, over = {}) => ({ event_id: id, story_id: 's1', title: `Event ${id}`, origin: 'machine', edited: false, connections: [], ...over });

const timeline = {
  world_id: 'w1',
  timeline: { years: [{ year: 1000, events: ['a', 'b', 'c'].map((id) => ev(id)) }], connections: [] },
};

describe('extractionSummary', () => {
  it('says what an extraction kept, replaced and added', () => {
    const stories = [
      { event_count: 5, kept: 1, replaced: 4, added: 4 },
      { event_count: 2, kept: 0, replaced: 0, added: 0 },
    ];
    expect(extractionSummary({ message: '7 events in 2 stories', stories, total_events: 7 })).toBe('7 events in 2 stories: 1 kept, 4 replaced, 4 added.');
    expect(extractionSummary({ stories: [{ event_count: 1 }], total_events: 1 })).toBe('1 event in 1 story.');
    expect(extractionSummary({ message: 'Extracted 9 events.' })).toBe('Extracted 9 events.');
  });
});

describe('WorldTimelineTab: "Re-analyse everything"', () => {
  it('says what will be kept and replaced, and runs only once confirmed', async () => {
    vi.spyOn(worlds, 'events').mockResolvedValue(timeline);
    const plan = vi.spyOn(worlds, 'eventsPlan').mockResolvedValue({ world_id: 'w1', kept: 4, replaced: 3, connections: 1 });
    const extract = vi.spyOn(worlds, 'extractEvents').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { message: 'Extracted 9 events.' } });
    renderAt(<WorldTimelineTab world={world} editable />);
    await screen.findByText('Event a');
    fireEvent.click(screen.getByLabelText('Re-analyse everything'));
    fireEvent.click(screen.getByRole('button', { name: 'Re-analyse everything…' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Re-analyse every story’s events?' });
    expect(plan).toHaveBeenCalledWith('w1');
    expect(within(ask).getByText('Kept: 4 events you made, edited or connected, and the 1 connection you drew.')).toBeInTheDocument();
    expect(within(ask).getByText('Replaced: the 3 events the AI made.')).toBeInTheDocument();
    expect(extract).not.toHaveBeenCalled();

    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(extract).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Re-analyse everything…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Yes, re-analyse everything' }));
    await waitFor(() => expect(extract).toHaveBeenCalledWith('w1', true));
    expect(await screen.findByText('Extracted 9 events.', {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('extracts without asking when not forced', async () => {
    vi.spyOn(worlds, 'events').mockResolvedValue(timeline);
    const extract = vi.spyOn(worlds, 'extractEvents').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { message: 'Nothing new.' } });
    renderAt(<WorldTimelineTab world={world} editable />);
    await screen.findByText('Event a');
    fireEvent.click(screen.getByRole('button', { name: 'Extract events from stories' }));
    await waitFor(() => expect(extract).toHaveBeenCalledWith('w1', false));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
