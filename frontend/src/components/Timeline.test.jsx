import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import Timeline from './Timeline.jsx';

const data = {
  world_id: 'w1',
  world_name: 'Eldoria',
  timeline: {
    years: [
      {
        year: 1203,
        era: 'Third Age',
        events: [
          {
            event_id: 'e1',
            title: 'The gate opens',
            description: 'Ayla finds the gate.',
            story_id: 's1',
            story_title: 'The Gate',
            character_details: [{ entity_id: 'c1', name: 'Ayla' }],
            location_details: [{ location_id: 'l1', name: 'Silver Harbor' }],
          },
        ],
      },
      { year: 1210, era: 'Third Age', events: [{ event_id: 'e2', title: 'The siege' }] },
    ],
    connections: [{ from_event_id: 'e1', to_event_id: 'e2', relation_type: 'causes', relation_label: 'leads to' }],
  },
};

describe('Timeline', () => {
  it('draws years in order with their events, people and places', () => {
    render(<Timeline data={data} />, { wrapper: MemoryRouter });
    const years = screen.getAllByRole('listitem').filter((li) => li.classList.contains('timeline-year'));
    expect(years).toHaveLength(2);
    expect(within(years[0]).getByText('1203')).toBeInTheDocument();
    expect(within(years[0]).getByText('Third Age')).toBeInTheDocument();
    expect(within(years[0]).getByRole('heading', { name: 'The gate opens' })).toBeInTheDocument();
    expect(within(years[0]).getByText('Ayla')).toBeInTheDocument();
    expect(within(years[0]).getByText(/Silver Harbor/)).toBeInTheDocument();
    expect(within(years[0]).getByRole('link', { name: /The Gate/ })).toHaveAttribute('href', '/stories/s1');
  });

  it('lists connections between events', () => {
    render(<Timeline data={data} />, { wrapper: MemoryRouter });
    expect(screen.getByText(/leads to/).closest('li')).toHaveTextContent('The gate opens → leads to → The siege');
  });

  it('renders nothing without events', () => {
    const { container } = render(<Timeline data={{ timeline: { years: [], connections: [] } }} />, { wrapper: MemoryRouter });
    expect(container).toBeEmptyDOMElement();
  });
});

describe('Timeline editing', () => {
  it('lets the owner edit, connect and delete events', async () => {
    const { fireEvent, waitFor } = await import('@testing-library/react');
    const { vi } = await import('vitest');
    const { events } = await import('../services/api.js');
    const update = vi.spyOn(events, 'update').mockResolvedValue({});
    const connect = vi.spyOn(events, 'connect').mockResolvedValue({});
    const remove = vi.spyOn(events, 'remove').mockResolvedValue({});
    const onChanged = vi.fn();
    render(<Timeline data={data} editable onChanged={onChanged} />, { wrapper: MemoryRouter });

    fireEvent.click(screen.getByRole('button', { name: 'Edit event The gate opens' }));
    const form = screen.getByRole('form', { name: 'Edit event The gate opens' });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'The gate creaks open' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save event' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith('e1', { title: 'The gate creaks open', description: 'Ayla finds the gate.' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));

    fireEvent.click(screen.getByRole('button', { name: 'Connect event The siege' }));
    const cform = screen.getByRole('form', { name: 'Connect event The siege' });
    fireEvent.change(within(cform).getByLabelText('Connect to'), { target: { value: 'e1' } });
    fireEvent.click(within(cform).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(connect).toHaveBeenCalledWith('e2', { target_event_id: 'e1', relation_type: 'causes', relation_label: 'causes' }));

    fireEvent.click(screen.getByRole('button', { name: 'Delete event The siege' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(remove).toHaveBeenCalledWith('e2'));
    vi.restoreAllMocks();
  });

  it('offers no editing when read-only', () => {
    render(<Timeline data={data} />, { wrapper: MemoryRouter });
    expect(screen.queryByRole('button', { name: /Edit event/ })).not.toBeInTheDocument();
  });
});
