import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { worlds } from '../services/api.js';
import WorldDetail from './WorldDetail.jsx';
import { friend, list, renderAt, world } from '../test/utils.jsx';

beforeEach(() => {
  vi.spyOn(worlds, 'get').mockResolvedValue(world);
  vi.spyOn(worlds, 'stories').mockResolvedValue(list([{ story_id: 's1', title: 'The Gate', entities: [], locations: [], visibility: 'private' }]));
  vi.spyOn(worlds, 'characters').mockResolvedValue(list([]));
});
afterEach(() => vi.restoreAllMocks());

describe('WorldDetail', () => {
  it('gives the owner editing tools and the sharing tab', async () => {
    renderAt(<WorldDetail />, { path: '/worlds/w1', route: '/worlds/:worldId' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Eldoria' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit world' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Sharing' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /The Gate/ })).toHaveAttribute('href', '/stories/s1');
    expect(screen.getByRole('link', { name: '+ New story' })).toBeInTheDocument();
    expect(screen.getByText(/Now: 1000 TA · Third Age/)).toBeInTheDocument();
  });

  it('shows the language of the world', async () => {
    worlds.get.mockResolvedValue({ ...world, name: 'Hà Nội những năm 1946', language: 'vi' });
    renderAt(<WorldDetail />, { path: '/worlds/w1', route: '/worlds/:worldId' });
    await screen.findByRole('heading', { level: 1, name: 'Hà Nội những năm 1946' });
    expect(screen.getByText('Tiếng Việt')).toHaveAttribute('lang', 'vi');
    expect(screen.getByText('Tiếng Việt')).toHaveTextContent('Language: Tiếng Việt');
  });

  it('is read-only for a user it is shared with', async () => {
    renderAt(<WorldDetail />, { user: friend, path: '/worlds/w1', route: '/worlds/:worldId' });
    expect(await screen.findByText(/read-only/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit world' })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Sharing' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '+ New story' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Characters' }));
    expect(await screen.findByText('No characters yet.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New character' })).not.toBeInTheDocument();
  });

  it('shows the not-found page on 404', async () => {
    worlds.get.mockRejectedValue(Object.assign(new Error('Not found'), { isApiError: true, status: 404 }));
    renderAt(<WorldDetail />, { path: '/worlds/nope', route: '/worlds/:worldId' });
    expect(await screen.findByRole('heading', { name: 'This world does not exist' })).toBeInTheDocument();
  });

  it('marks the selected tab for assistive technology', async () => {
    renderAt(<WorldDetail />, { path: '/worlds/w1?tab=characters', route: '/worlds/:worldId' });
    const tab = await screen.findByRole('tab', { name: 'Characters' });
    expect(tab).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-characters');
  });
});

describe('WorldDetail tabs keyboard', () => {
  it('moves between tabs with the arrow keys', async () => {
    renderAt(<WorldDetail />, { path: '/worlds/w1', route: '/worlds/:worldId' });
    const stories = await screen.findByRole('tab', { name: 'Stories' });
    expect(stories).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(stories, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Books' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Books' })).toHaveFocus();
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Books' }), { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  });
});
