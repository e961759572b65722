import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { events, worlds } from '../services/api.js';
import { list, renderAt, world } from '../test/utils.jsx';
import Timeline from './Timeline.jsx';
import WorldTimelineTab from './WorldTimelineTab.jsx';

afterEach(() => vi.restoreAllMocks());

const calendar = { months: [{ name: 'Thaw', days: 30 }, { name: 'Harvest', days: 31 }], year_name: 'TA' };
const data = {
  world_id: 'w1',
  timeline: {
    years: [
      {
        year: 1203,
        label: '1203 TA',
        era: 'Third Age',
        events: [
          {
            event_id: 'e1',
            title: 'Cổng mở',
            story_id: 's1',
            story_title: 'The Gate',
            date: { year: 1203, month: 2, day: 3 },
            date_label: '3 Harvest 1203 TA',
            character_details: [{ entity_id: 'c1', name: 'Trần Hưng Đạo' }],
            location_details: [{ location_id: 'l1', name: 'Hà Nội' }],
          },
          { event_id: 'e2', title: 'Year only', story_id: 's1', date: { year: 1203 }, date_label: '1203 TA' },
        ],
      },
    ],
    connections: [],
  },
};

describe('Timeline: dates', () => {
  it('shows the year as the calendar writes it, and month and day where known', () => {
    renderAt(<Timeline data={data} calendar={calendar} />);
    expect(screen.getByText('1203 TA')).toHaveClass('year');
    const first = document.getElementById('event-e1');
    expect(within(first).getByText('3 Harvest 1203 TA')).toHaveClass('timeline-day');
    expect(document.getElementById('event-e2').querySelector('.timeline-day')).toBeNull();
  });

  it('links people and places to their entry pages', () => {
    renderAt(<Timeline data={data} calendar={calendar} />);
    expect(screen.getByRole('link', { name: 'Trần Hưng Đạo' })).toHaveAttribute('href', '/worlds/w1/entries/c1');
    expect(screen.getByRole('link', { name: 'Hà Nội' })).toHaveAttribute('href', '/worlds/w1/entries/l1');
  });

  it('brings the event of #event-<id> into view (a search hit)', () => {
    renderAt(<Timeline data={data} calendar={calendar} />, { path: '/worlds/w1?tab=timeline#event-e2' });
    expect(document.getElementById('event-e2')).toHaveFocus();
    expect(document.getElementById('event-e2')).toHaveClass('is-target');
  });

  it('lets the owner date an event in the calendar, and sends the date only when changed', async () => {
    const update = vi.spyOn(events, 'update').mockResolvedValue({});
    renderAt(<Timeline data={data} calendar={calendar} editable onChanged={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit event Year only' }));
    let form = screen.getByRole('form', { name: 'Edit event Year only' });
    const when = within(form).getByRole('group', { name: 'When' });
    expect(within(when).getByLabelText('Year')).toHaveValue(1203);
    fireEvent.change(within(when).getByLabelText('Month'), { target: { value: '1' } });
    fireEvent.change(within(when).getByLabelText('Day'), { target: { value: '30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save event' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith('e2', { title: 'Year only', description: '', date: { year: 1203, month: 1, day: 30 } }));

    fireEvent.click(screen.getByRole('button', { name: 'Edit event Cổng mở' }));
    form = screen.getByRole('form', { name: 'Edit event Cổng mở' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save event' }));
    await waitFor(() => expect(update).toHaveBeenLastCalledWith('e1', { title: 'Cổng mở', description: '' }));
  });
});

describe('WorldTimelineTab: filters', () => {
  it('narrows the timeline to a character, a place or a story, kept in the address', async () => {
    const get = vi.spyOn(worlds, 'events').mockResolvedValue(data);
    vi.spyOn(worlds, 'characters').mockResolvedValue(list([{ entity_id: 'c1', name: 'Trần Hưng Đạo' }]));
    vi.spyOn(worlds, 'locations').mockResolvedValue(list([{ location_id: 'l1', name: 'Hà Nội' }]));
    vi.spyOn(worlds, 'stories').mockResolvedValue(list([{ story_id: 's1', title: 'The Gate' }]));
    renderAt(<WorldTimelineTab world={{ ...world, metadata: { calendar } }} editable={false} />, { path: '/worlds/w1?tab=timeline&story_id=s1' });
    await screen.findByText('Cổng mở');
    expect(get).toHaveBeenCalledWith('w1', { entity_id: '', location_id: '', story_id: 's1' });
    const filters = screen.getByRole('group', { name: 'Show events of' });
    expect(within(filters).getByLabelText('Story')).toHaveValue('s1');
    await within(filters).findByRole('option', { name: 'Trần Hưng Đạo' });
    fireEvent.change(within(filters).getByLabelText('Who'), { target: { value: 'c1' } });
    await waitFor(() => expect(get).toHaveBeenLastCalledWith('w1', { entity_id: 'c1', location_id: '', story_id: 's1' }));
    get.mockResolvedValue({ world_id: 'w1', timeline: { years: [], connections: [] } });
    fireEvent.change(within(filters).getByLabelText('Where'), { target: { value: 'l1' } });
    expect(await screen.findByText('No event matches.')).toBeInTheDocument();
    fireEvent.click(within(filters).getByRole('button', { name: 'Show every event' }));
    await waitFor(() => expect(get).toHaveBeenLastCalledWith('w1'));
  });
});
