import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import WorldActivityTab from './WorldActivityTab.jsx';
import RecentActivity from './RecentActivity.jsx';
import { renderAt, world } from '../../test/utils.jsx';
import { serve } from '../../test/http.js';

const minh = { user_id: 'u-minh', username: 'minh', display_name: 'Minh', avatar_url: null };
const item = (seq, over = {}) => ({
  activity_id: `a${seq}`,
  world_id: 'w1',
  world_name: 'Eldoria',
  seq,
  action: 'edited',
  kind: 'entry',
  target_id: 'e1',
  title: 'Mara',
  link: '/worlds/w1/entries/e1',
  actor: minh,
  created_at: new Date(Date.now() - 5 * 60000).toISOString(),
  ...over,
});

describe('WorldActivityTab', () => {
  it('lists what happened with links, none for deleted things or foreign addresses, and pages back', async () => {
    const sent = serve({
      'GET /worlds/w1/activity': (req) =>
        req.params.before
          ? { success: true, activity: [item(1, { action: 'created', kind: 'story', title: 'The Gate', link: '/stories/s1' })], next_before: null }
          : {
              success: true,
              activity: [item(4), item(3, { action: 'deleted', kind: 'event', title: 'The storm', link: '/worlds/w1?tab=timeline' }), item(2, { link: 'javascript:alert(1)', title: 'Bad' })],
              next_before: 2,
            },
    });
    renderAt(<WorldActivityTab world={world} />);
    const items = await screen.findAllByTestId('activity-item');
    expect(within(items[0]).getByRole('link', { name: 'Minh edited entry “Mara”' })).toHaveAttribute('href', '/worlds/w1/entries/e1');
    expect(items[0]).toHaveTextContent('5 min ago');
    expect(within(items[1]).queryByRole('link')).not.toBeInTheDocument();
    expect(items[1]).toHaveTextContent('Minh deleted event “The storm”');
    expect(within(items[2]).queryByRole('link')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Show older' }));
    expect(await screen.findByRole('link', { name: 'Minh created story “The Gate”' })).toHaveAttribute('href', '/stories/s1');
    expect(screen.queryByRole('button', { name: 'Show older' })).not.toBeInTheDocument();
    expect(sent.map((r) => r.params)).toEqual([{ limit: 30 }, { limit: 30, before: 2 }]);
  });

  it('says when nothing happened yet', async () => {
    serve({ 'GET /worlds/w1/activity': { success: true, activity: [], next_before: null } });
    renderAt(<WorldActivityTab world={world} />);
    expect(await screen.findByText('Nothing has happened here yet.')).toBeInTheDocument();
  });
});

describe('RecentActivity', () => {
  it('shows the latest changes across my worlds, with the world of each', async () => {
    const sent = serve({ 'GET /activity': { success: true, activity: [item(7, { actor: { ...minh, display_name: '' } })] } });
    renderAt(<RecentActivity />);
    expect(await screen.findByRole('link', { name: 'minh edited entry “Mara”' })).toBeInTheDocument();
    expect(screen.getByTestId('activity-item')).toHaveTextContent('· Eldoria');
    expect(sent[0].params).toEqual({ limit: 15 });
  });
});
