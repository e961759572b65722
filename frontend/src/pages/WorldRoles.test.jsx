// What each role sees of a world: the owner manages it, a co-author writes its content, a reader reads.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import WorldDetail from './WorldDetail.jsx';
import EntryPage from './EntryPage.jsx';
import { friend, owner, renderAt, world } from '../test/utils.jsx';
import { serve } from '../test/http.js';

const coAuthor = { user_id: 'u-minh', username: 'minh', role: 'user' };
const shared = { ...world, co_authors: [coAuthor.user_id] };
const entryPage = { entry: { kind: 'character', id: 'e1', entity_id: 'e1', world_id: 'w1', name: 'Mara', description: 'A sailor.', tags: [], aliases: [], fields: {}, image_id: '' }, breadcrumb: [], children: [], stories: [], events: [] };
const routes = (myRole) => ({
  'GET /worlds/w1': { ...shared, my_role: myRole },
  'GET /worlds/w1/stories': [],
  'GET /worlds/w1/entries/e1': entryPage,
  'GET /worlds/w1/field-templates': [],
  'GET /worlds/w1/relations': [],
  'GET /worlds/w1/relation-types': { types: [] },
});
const atWorld = (user) => renderAt(<WorldDetail />, { user, path: '/worlds/w1', route: '/worlds/:worldId' });
const atEntry = (user) => renderAt(<EntryPage />, { user, path: '/worlds/w1/entries/e1', route: '/worlds/:worldId/entries/:entryId' });

describe('a world by role', () => {
  it('a co-author writes (new story, edit an entry) but does not manage the world', async () => {
    serve(routes('co_author'));
    atWorld(coAuthor);
    await screen.findByRole('heading', { level: 1, name: 'Eldoria' });
    expect(screen.getByText('co-author')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit world' })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Sharing' })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Settings' })).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Members' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Activity' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '+ New story' })).toBeInTheDocument();
  });

  it('a co-author may edit an entry; a reader may not', async () => {
    serve(routes('co_author'));
    const first = atEntry(coAuthor);
    expect(await screen.findByRole('button', { name: 'Edit' })).toBeInTheDocument();
    first.unmount();
    serve(routes('reader'));
    atEntry(friend);
    await screen.findByText('A sailor.');
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });

  it('a reader reads, with the members and activity of the world; a visitor of a public world sees neither', async () => {
    serve(routes('reader'));
    const first = atWorld(friend);
    expect(await screen.findByText(/read-only/)).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Members' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '+ New story' })).not.toBeInTheDocument();
    first.unmount();
    serve({ ...routes(null), 'GET /worlds/w1': { ...shared, visibility: 'public', my_role: null } });
    atWorld({ user_id: 'u-visitor', username: 'visitor', role: 'user' });
    await screen.findByRole('heading', { level: 1, name: 'Eldoria' });
    expect(screen.queryByRole('tab', { name: 'Members' })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Activity' })).not.toBeInTheDocument();
  });

  it('the owner manages: edit world, sharing, settings, members', async () => {
    serve(routes('owner'));
    atWorld(owner);
    expect(await screen.findByRole('button', { name: 'Edit world' })).toBeInTheDocument();
    for (const name of ['Members', 'Activity', 'Sharing', 'Settings']) expect(screen.getByRole('tab', { name })).toBeInTheDocument();
  });
});
