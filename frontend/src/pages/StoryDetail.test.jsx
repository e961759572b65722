import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorView } from '@codemirror/view';
import StoryDetail from './StoryDetail.jsx';
import { friend, owner, renderAt, world } from '../test/utils.jsx';
import { serve } from '../test/http.js';

afterEach(() => localStorage.clear());

const TEXT = 'Năm 1203, Mai qua đời. Mùa xuân, Mai đi ra giếng.';
const story = { story_id: 's1', world_id: 'w1', owner_id: owner.user_id, title: 'Chương hai', content: TEXT, visibility: 'public', version: 1, entities: [], locations: [] };
const finding = {
  finding_id: 'f1',
  world_id: 'w1',
  story_id: 's1',
  kind: 'death',
  severity: 'error',
  message: 'Mai appears here after their death.',
  quote: 'Mai đi ra giếng.',
  start: TEXT.indexOf('Mai đi'),
  end: TEXT.length,
  cites: [{ kind: 'event', id: 'ev1', name: 'Mai qua đời' }],
  suggestion: '',
  source: 'rules',
  status: 'open',
  created_at: '2026-12-08T00:00:00Z',
};

function backend() {
  return serve({
    'GET /stories/s1': story,
    'GET /worlds/w1': { ...world, my_role: 'owner' },
    'GET /worlds/w1/characters': [],
    'GET /worlds/w1/locations': [],
    'GET /worlds/w1/stories': [story],
    'GET /stories/s1/findings': (req) => ({ findings: req.params.status === 'open' ? [finding] : [] }),
    'GET /health': { storage: 'tinydb', gpt_provider: 'offline', gpt_enabled: false, version: '1' },
  });
}

describe('StoryDetail: the consistency panel', () => {
  it('is there for the story’s writers; a quote opens the editor with its words selected', async () => {
    backend();
    renderAt(<StoryDetail />, { path: '/stories/s1', route: '/stories/:storyId' });
    const panel = await screen.findByRole('region', { name: 'Check consistency' });
    fireEvent.click(await within(panel).findByRole('button', { name: 'Select in the text: “Mai đi ra giếng.”' }));
    const text = await screen.findByRole('textbox', { name: 'Story text' });
    await waitFor(() => {
      const { from, to } = EditorView.findFromDOM(text).state.selection.main;
      expect(TEXT.slice(from, to)).toBe('Mai đi ra giếng.');
    });
    expect(screen.getByRole('form', { name: 'Edit story' })).toBeInTheDocument();
  });

  it('is not shown to a reader of the world', async () => {
    serve({
      'GET /stories/s1': story,
      'GET /worlds/w1': { ...world, my_role: 'reader' },
      'GET /worlds/w1/characters': [],
      'GET /worlds/w1/locations': [],
      'GET /worlds/w1/stories': [story],
    });
    renderAt(<StoryDetail />, { user: friend, path: '/stories/s1', route: '/stories/:storyId' });
    await screen.findByRole('heading', { name: 'Chương hai', level: 1 });
    await screen.findByText('Characters and places');
    expect(screen.queryByRole('region', { name: 'Check consistency' })).toBeNull();
  });
});
