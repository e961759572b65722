import { act, screen, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setToken } from '../services/api.js';
import { queries, queryKeys } from '../services/queries.js';
import ToastProvider from './ToastProvider.jsx';
import Toasts from '../components/Toasts.jsx';
import { POLL_MS, useWorldLive } from './useWorldLive.js';
import { owner, renderAt } from '../test/utils.jsx';
import { reply, serve } from '../test/http.js';

/** The browser's EventSource, driven by the test: open(), emit(type, data, id), fail(). */
class FakeEventSource {
  static instances = [];
  constructor(url) {
    this.url = url;
    this.listeners = {};
    this.closed = false;
    FakeEventSource.instances.push(this);
  }
  addEventListener(type, fn) {
    (this.listeners[type] ||= []).push(fn);
  }
  close() {
    this.closed = true;
  }
  open() {
    act(() => this.onopen && this.onopen());
  }
  emit(type, data, id = '') {
    act(() => (this.listeners[type] || []).forEach((fn) => fn({ data: JSON.stringify(data), lastEventId: id })));
  }
  fail() {
    act(() => this.onerror && this.onerror(new Event('error')));
  }
}

const minh = { user_id: 'u-minh', username: 'minh', display_name: 'Minh', avatar_url: null };
const edit = (seq, actor = minh) => ({ activity_id: `a${seq}`, seq, action: 'edited', kind: 'entry', target_id: 'e1', title: 'Mara', link: '/worlds/w1/entries/e1', actor, created_at: '2030-01-01T00:00:00Z' });

function Probe() {
  const mode = useWorldLive('w1');
  const { data } = useQuery(queries.entry('w1', 'e1'));
  return (
    <>
      <p data-testid="mode">{mode}</p>
      <p data-testid="description">{data ? data.entry.description : ''}</p>
      <Toasts />
    </>
  );
}

const render = () =>
  renderAt(
    <ToastProvider>
      <Probe />
    </ToastProvider>,
  );

// what the server holds now: a test changes it, then tells the page
let description;
const entryRoute = () => ({ entry: { id: 'e1', name: 'Mara', kind: 'character', description } });
const entryReads = (sent) => sent.filter((r) => r.url === '/worlds/w1/entries/e1').length;

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  description = 'A sailor.';
  setToken('secret-jwt');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('useWorldLive', () => {
  it('opens the stream with a ticket (never the token) and refreshes what others change, with a notice', async () => {
    const sent = serve({ 'POST /worlds/w1/live/ticket': { success: true, ticket: 'tk-1', expires_in: 60 }, 'GET /worlds/w1/entries/e1': entryRoute });
    const { queryClient } = render();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const stream = FakeEventSource.instances[0];
    expect(stream.url).toBe('/api/worlds/w1/live?ticket=tk-1');
    expect(stream.url).not.toContain('secret-jwt');
    expect(sent.find((r) => r.url === '/worlds/w1/live/ticket').headers.Authorization).toBe('Bearer secret-jwt');
    stream.open();
    expect(screen.getByTestId('mode')).toHaveTextContent('live');
    expect(await screen.findByText('A sailor.')).toBeInTheDocument();

    description = 'A sailor who found the lighthouse.';
    stream.emit('change', edit(5), '5');
    expect(await screen.findByText('A sailor who found the lighthouse.')).toBeInTheDocument();
    expect(screen.getByText('Minh edited Mara')).toBeInTheDocument();
    expect(entryReads(sent)).toBe(2);

    // an AI job of the world: its progress ticks refresh nothing, its end refreshes the job lists
    const jobs = queryKeys.gpt.tasks({ per_page: 5 });
    queryClient.setQueryData(jobs, { items: [], total: 0 });
    stream.emit('task', { task_id: 't1', status: 'processing', progress: 40 });
    expect(queryClient.getQueryState(jobs).isInvalidated).toBe(false);
    stream.emit('task', { task_id: 't1', status: 'completed', progress: 100 });
    expect(queryClient.getQueryState(jobs).isInvalidated).toBe(true);

    // my own change: the request that made it refreshed it already
    stream.emit('change', edit(6, { ...owner, display_name: '' }), '6');
    await new Promise((r) => setTimeout(r, 50));
    expect(entryReads(sent)).toBe(2);
    expect(screen.queryByText(/ayla edited/)).not.toBeInTheDocument();
  });

  it('reconnects with a new ticket after a lost stream, resuming after the last change it saw', async () => {
    let n = 0;
    serve({ 'POST /worlds/w1/live/ticket': () => ({ success: true, ticket: `tk-${++n}`, expires_in: 60 }), 'GET /worlds/w1/entries/e1': entryRoute });
    render();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const first = FakeEventSource.instances[0];
    first.open();
    first.emit('change', edit(41), '41');
    first.fail();
    expect(first.closed).toBe(true);
    expect(screen.getByTestId('mode')).toHaveTextContent('connecting');
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2), { timeout: 3000 });
    expect(FakeEventSource.instances[1].url).toBe('/api/worlds/w1/live?ticket=tk-2&last_event_id=41');
  });

  it('polls activity?after= every 10 s when the server has no live stream', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let after = [];
    const sent = serve({
      'POST /worlds/w1/live/ticket': { success: true, live: false },
      'GET /worlds/w1/activity': (req) => ({ success: true, activity: req.params.after ? after : [edit(7)], next_before: null }),
      'GET /worlds/w1/entries/e1': entryRoute,
    });
    render();
    await waitFor(() => expect(screen.getByTestId('mode')).toHaveTextContent('polling'));
    expect(await screen.findByText('A sailor.')).toBeInTheDocument();
    expect(FakeEventSource.instances).toHaveLength(0);
    await waitFor(() => expect(sent.filter((r) => r.url === '/worlds/w1/activity')).toHaveLength(1));
    expect(sent.find((r) => r.url === '/worlds/w1/activity').params).toEqual({ limit: 1 });
    after = [edit(9), edit(8)];
    description = 'A sailor who found the lighthouse.';
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    const polls = sent.filter((r) => r.url === '/worlds/w1/activity');
    expect(polls).toHaveLength(2);
    expect(polls[1].params).toEqual({ after: 7, limit: 50 });
    expect(await screen.findByText('A sailor who found the lighthouse.')).toBeInTheDocument();
    // two edits of the same entry by the same person: one notice
    expect(screen.getAllByText('Minh edited Mara')).toHaveLength(1);
    after = [];
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    expect(sent.filter((r) => r.url === '/worlds/w1/activity')[2].params).toEqual({ after: 9, limit: 50 });
  });

  it('falls back to polling when the ticket route answers 501 or the stream keeps failing', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    serve({
      'POST /worlds/w1/live/ticket': reply(501, { success: false, live: false, error: 'Live updates are off here.', code: 'not_implemented' }),
      'GET /worlds/w1/activity': { success: true, activity: [], next_before: null },
    });
    const first = render();
    await waitFor(() => expect(screen.getByTestId('mode')).toHaveTextContent('polling'));
    first.unmount();

    serve({ 'POST /worlds/w1/live/ticket': { success: true, ticket: 'tk', expires_in: 60 }, 'GET /worlds/w1/activity': { success: true, activity: [] } });
    render();
    for (let i = 1; i <= 4; i++) {
      await waitFor(() => expect(FakeEventSource.instances).toHaveLength(i));
      FakeEventSource.instances[i - 1].fail();
      await act(() => vi.advanceTimersByTimeAsync(8000));
    }
    await waitFor(() => expect(screen.getByTestId('mode')).toHaveTextContent('polling'));
    expect(FakeEventSource.instances).toHaveLength(4);
  });
});
