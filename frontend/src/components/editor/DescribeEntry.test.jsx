import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { client } from '../../services/api.js';
import DescribeEntry from './DescribeEntry.jsx';
import { renderAt } from '../../test/utils.jsx';

const TEXT = 'Nguyễn Văn An là một người thợ vá lưới ở bến cảng.';
let sent;
beforeEach(() => {
  sent = [];
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{"error":"Not here"}', { status: 500, headers: { 'content-type': 'application/json' } })));
  client.defaults.adapter = async (config) => {
    sent.push({ name: `${config.method} ${config.url}`, body: config.data ? JSON.parse(config.data) : undefined });
    const data =
      config.method === 'post'
        ? { task_id: 't9', status: 'pending' }
        : { task_id: 't9', status: 'completed', result: { tool: 'describe_entry', text: TEXT, notice: 'Chế độ ngoại tuyến.' }, context: { included: [], skipped: [] } };
    return { data, status: 200, statusText: 'OK', headers: {}, config };
  };
});
afterEach(() => vi.unstubAllGlobals());

describe('Describe from fields', () => {
  it('writes the description from the entry, shows it with the notice, and hands it over on Accept', async () => {
    const onAccept = vi.fn();
    renderAt(<DescribeEntry worldId="w1" entryId="e1" onAccept={onAccept} />);
    fireEvent.click(screen.getByRole('button', { name: 'Describe from fields' }));
    const panel = await screen.findByRole('region', { name: 'AI: Describe from fields' });
    expect(sent[0]).toEqual({ name: 'post /worlds/w1/writing', body: { tool: 'describe_entry', entry_id: 'e1' } });
    // the stream answered 500: the task is polled instead
    await within(panel).findByText(TEXT, {}, { timeout: 3000 });
    expect(within(panel).getByText('Chế độ ngoại tuyến.')).toBeInTheDocument();
    fireEvent.click(within(panel).getByRole('button', { name: 'Accept' }));
    expect(onAccept).toHaveBeenCalledWith(TEXT);
    expect(screen.queryByRole('region', { name: 'AI: Describe from fields' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Describe from fields' })).toBeInTheDocument();
  });
});
