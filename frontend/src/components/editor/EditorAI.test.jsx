import { useState } from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { client, setToken } from '../../services/api.js';
import MarkdownEditor from './MarkdownEditor.jsx';
import { renderAt } from '../../test/utils.jsx';

const enc = new TextEncoder();
const editorView = () => EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Story text' }));
const select = (view, from, to) => act(() => view.dispatch({ selection: EditorSelection.range(from, to) }));
const key = (view, k, opts = {}) =>
  act(() => {
    view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: `Key${k.toUpperCase()}`, ctrlKey: true, bubbles: true, ...opts }));
  });

function Harness({ initial, onTitle }) {
  const [text, setText] = useState(initial);
  return <MarkdownEditor label="Story text" worldId="w1" value={text} onChange={setText} ai={{ worldId: 'w1', storyId: 's1', onTitle }} />;
}

/** An SSE answer the test writes to as it goes: `send(event, data)`, `close()`. */
function liveStream() {
  let controller;
  const body = new ReadableStream({ start: (c) => (controller = c) });
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    send: (event, data) => act(async () => controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`))),
    close: () => {
      try {
        controller.close();
      } catch {
        /* the reader let go already (it cancels after done) */
      }
    },
  };
}

const REPORT = {
  budget_tokens: 100,
  used_tokens: 12,
  tokenizer: 'estimate',
  included: [{ kind: 'entry', id: 'e1', name: 'Nguyễn Văn An', tokens: 12, why: 'named', rank: 1 }],
  skipped: [
    { kind: 'entry', id: 'e2', name: 'Thánh Gióng', tokens: 200, reason: 'budget' },
    { kind: 'entry', reason: 'visibility', count: 2 },
  ],
};

let requests;
let answers;
beforeEach(() => {
  setToken('tok-1');
  requests = [];
  answers = {
    'post /worlds/w1/writing': () => ({ task_id: 't1', status: 'pending' }),
    'get /gpt/results/t1': () => ({ task_id: 't1', status: 'completed', result: { tool: 'rephrase', text: 'An rời đảo lúc bình minh.' }, context: REPORT }),
    'delete /gpt/tasks/t1': () => ({ success: true }),
  };
  client.defaults.adapter = async (config) => {
    const name = `${config.method} ${config.url}`;
    requests.push({ name, body: config.data ? JSON.parse(config.data) : undefined });
    if (!answers[name]) return Promise.reject(Object.assign(new Error('Network Error'), { isAxiosError: true, config }));
    return { data: answers[name](), status: 200, statusText: 'OK', headers: {}, config };
  };
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the AI menu', () => {
  it('opens from the toolbar and Ctrl+J, says what each tool needs, moves with arrows, closes with Escape', async () => {
    renderAt(<Harness initial="Mira rời đảo." onTitle={() => {}} />);
    const view = editorView();
    const button = screen.getByRole('button', { name: /AI/ });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    fireEvent.click(button);
    const menu = screen.getByRole('menu');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.querySelector('.ai-menu-label').textContent)).toEqual(['Continue', 'Expand', 'Rephrase', 'Summarise', 'Suggest titles']);
    // the caret at the start, no selection: only titles can run; the others say why
    expect(items[0]).toHaveAttribute('aria-disabled', 'true');
    expect(items[0]).toHaveTextContent('Put the cursor after some text first.');
    expect(items[2]).toHaveAttribute('aria-disabled', 'true');
    expect(items[2]).toHaveTextContent('Select some text first.');
    expect(items[4]).toHaveFocus();
    fireEvent.keyDown(items[4], { key: 'ArrowDown' });
    expect(items[0]).toHaveFocus();
    fireEvent.keyDown(items[0], { key: 'ArrowDown' });
    expect(items[1]).toHaveFocus();
    fireEvent.keyDown(items[1], { key: 'End' });
    expect(items[4]).toHaveFocus();
    fireEvent.click(items[2]); // says why, does nothing
    expect(requests).toEqual([]);
    fireEvent.keyDown(items[4], { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();

    select(view, 0, 4);
    key(view, 'j');
    const again = screen.getByRole('menu');
    expect(within(again).getAllByRole('menuitem')[2]).not.toHaveAttribute('aria-disabled');
  });

  it('leaves Suggest titles out where no title can be set', () => {
    renderAt(<Harness initial="x" />);
    fireEvent.click(screen.getByRole('button', { name: /AI/ }));
    expect(within(screen.getByRole('menu')).queryByText('Suggest titles')).toBeNull();
  });
});

describe('the preview of a writing job', () => {
  it('streams the text in, then Accept replaces the selection in one undo step', async () => {
    const stream = liveStream();
    const fetchMock = vi.fn(async () => stream.response);
    vi.stubGlobal('fetch', fetchMock);
    renderAt(<Harness initial="Trước. An rời đảo. Sau." />);
    const view = editorView();
    select(view, 7, 18);
    key(view, 'j');
    fireEvent.click(within(screen.getByRole('menu')).getByText('Rephrase'));
    const panel = await screen.findByRole('region', { name: 'AI: Rephrase' });
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(requests[0]).toEqual({ name: 'post /worlds/w1/writing', body: { tool: 'rephrase', story_id: 's1', selection: 'An rời đảo.', before: 'Trước. ', after: ' Sau.' } });
    expect(fetchMock.mock.calls[0][0]).toBe('/api/gpt/results/t1/stream');
    expect(fetchMock.mock.calls[0][1].headers.Authorization).toBe('Bearer tok-1');

    await stream.send('delta', { offset: 0, text: 'An rời ' });
    expect(within(panel).getByLabelText('Suggested text')).toHaveTextContent('An rời');
    expect(within(panel).getByRole('button', { name: 'Accept' })).toBeDisabled();
    await stream.send('delta', { offset: 0, text: 'An rời ' }); // sent again: skipped
    await stream.send('delta', { offset: 7, text: 'đảo lúc bình minh.' });
    expect(within(panel).getByLabelText('Suggested text')).toHaveTextContent(/^An rời đảo lúc bình minh\.$/);
    expect(within(panel).getByRole('status')).toHaveTextContent('Writing…');
    await stream.send('done', { status: 'completed', result: { tool: 'rephrase', text: 'An rời đảo lúc bình minh.' } });
    stream.close();
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent('Finished: 6 words.'));

    // what the AI saw
    await within(panel).findByText('What the AI saw');
    expect(within(panel).getByText('Nguyễn Văn An').closest('li')).toHaveTextContent('named in the text');
    expect(within(panel).getByText('Thánh Gióng').closest('li')).toHaveTextContent('no room left');
    expect(within(panel).getByText(/2 items you cannot see/)).toBeInTheDocument();

    fireEvent.click(within(panel).getByRole('button', { name: 'Accept' }));
    expect(view.state.doc.toString()).toBe('Trước. An rời đảo lúc bình minh. Sau.');
    expect(screen.queryByRole('region', { name: 'AI: Rephrase' })).toBeNull();
    key(view, 'z');
    expect(view.state.doc.toString()).toBe('Trước. An rời đảo. Sau.');
  });

  it('Stop cancels the task and keeps what arrived; Discard leaves the text as it was', async () => {
    const stream = liveStream();
    vi.stubGlobal('fetch', vi.fn(async () => stream.response));
    answers['get /gpt/results/t1'] = () => ({ task_id: 't1', status: 'cancelled', partial: 'The lamp', context: REPORT });
    renderAt(<Harness initial="The light." />);
    const view = editorView();
    select(view, 0, 10);
    key(view, 'j');
    fireEvent.click(within(screen.getByRole('menu')).getByText('Expand'));
    const panel = await screen.findByRole('region', { name: 'AI: Expand' });
    await waitFor(() => expect(requests.length).toBe(1));
    await new Promise((r) => setTimeout(r, 0));
    await stream.send('delta', { offset: 0, text: 'The lamp' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(requests.map((r) => r.name)).toContain('delete /gpt/tasks/t1'));
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent('Stopped: 2 words arrived.'));
    expect(within(panel).queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Accept' })).toBeEnabled();
    fireEvent.click(within(panel).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('region', { name: 'AI: Expand' })).toBeNull();
    expect(view.state.doc.toString()).toBe('The light.');
  });

  it('stops the job when the editor goes away while it writes', async () => {
    const stream = liveStream();
    vi.stubGlobal('fetch', vi.fn(async () => stream.response));
    const { unmount } = renderAt(<Harness initial="The light." />);
    const view = editorView();
    select(view, 0, 10);
    key(view, 'j');
    fireEvent.click(within(screen.getByRole('menu')).getByText('Rephrase'));
    await screen.findByRole('region', { name: 'AI: Rephrase' });
    await waitFor(() => expect(requests.length).toBe(1));
    await new Promise((r) => setTimeout(r, 0));
    await stream.send('delta', { offset: 0, text: 'The' });
    unmount();
    await waitFor(() => expect(requests.map((r) => r.name)).toContain('delete /gpt/tasks/t1'));
  });

  it('polls the task when the stream cannot be read, and shows the offline notice plainly', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    answers['get /gpt/results/t1'] = () => ({
      task_id: 't1',
      status: 'completed',
      result: { tool: 'continue', text: '', notice: 'Offline, the AI cannot invent new prose: connect a model to continue a story.' },
      context: REPORT,
    });
    renderAt(<Harness initial="The lamp" />);
    const view = editorView();
    select(view, 8, 8);
    key(view, 'j');
    fireEvent.click(within(screen.getByRole('menu')).getByText('Continue'));
    const panel = await screen.findByRole('region', { name: 'AI: Continue' });
    await within(panel).findByText(/Offline, the AI cannot invent new prose/, {}, { timeout: 3000 });
    expect(within(panel).getByRole('status')).toHaveTextContent('Finished, without text.');
    expect(within(panel).getByRole('button', { name: 'Accept' })).toBeDisabled();
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'AI: Continue' })).toBeNull();
  });

  it('offers suggested titles as choices that set the title', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    answers['get /gpt/results/t1'] = () => ({ task_id: 't1', status: 'completed', result: { tool: 'titles', text: '', titles: ['Ngọn hải đăng', 'The Last Lamp'] } });
    const onTitle = vi.fn();
    renderAt(<Harness initial="Mira lit the lamp." onTitle={onTitle} />);
    key(editorView(), 'j');
    fireEvent.click(within(screen.getByRole('menu')).getByText('Suggest titles'));
    const panel = await screen.findByRole('region', { name: 'AI: Suggest titles' });
    const choice = await within(panel).findByRole('button', { name: 'Ngọn hải đăng' }, { timeout: 3000 });
    expect(within(panel).queryByRole('button', { name: 'Accept' })).toBeNull();
    fireEvent.click(choice);
    expect(onTitle).toHaveBeenCalledWith('Ngọn hải đăng');
    expect(screen.queryByRole('region', { name: 'AI: Suggest titles' })).toBeNull();
  });

  it('shows a failed start in plain words', async () => {
    answers['post /worlds/w1/writing'] = () => {
      throw new Error('unused');
    };
    client.defaults.adapter = async (config) => {
      const err = new Error('Request failed');
      err.isAxiosError = true;
      err.config = config;
      err.response = { status: 429, data: { error: 'Too many AI jobs', code: 'rate_limited' }, headers: { 'retry-after': '30' } };
      return Promise.reject(err);
    };
    renderAt(<Harness initial="The lamp" />);
    const view = editorView();
    select(view, 0, 3);
    key(view, 'j');
    fireEvent.click(within(screen.getByRole('menu')).getByText('Summarise'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That was a lot of requests in a short time. Try again in 30 seconds.');
    // Try again sends the same request
    let tries = 0;
    client.defaults.adapter = async (config) => {
      tries += 1;
      expect(JSON.parse(config.data)).toEqual({ tool: 'summarise', story_id: 's1', selection: 'The', before: '', after: ' lamp' });
      return Promise.reject(Object.assign(new Error('Network Error'), { isAxiosError: true, config }));
    };
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(tries).toBe(1));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server.');
  });
});
