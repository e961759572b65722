import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpt, worlds } from '../services/api.js';
import WorldCreateForm from './WorldCreateForm.jsx';
import ShareForm from './ShareForm.jsx';
import { queryKeys } from '../services/queries.js';
import { renderAt } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

describe('WorldCreateForm', () => {
  it('fills the description from the AI and creates the world, starter cast off by default and the language left to detection', async () => {
    vi.spyOn(gpt, 'generateDescription').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { description: 'Old magic and older grudges.' } });
    const create = vi.spyOn(worlds, 'create').mockResolvedValue({ world_id: 'w9' });
    const onCreated = vi.fn();
    renderAt(<WorldCreateForm onCreated={onCreated} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Eldoria' } });
    fireEvent.click(screen.getByRole('button', { name: /Write description with AI/ }));
    await waitFor(() => expect(screen.getByLabelText('Description')).toHaveValue('Old magic and older grudges.'), { timeout: 5000 });
    expect(gpt.generateDescription).toHaveBeenCalledWith({ type: 'world', world_name: 'Eldoria', world_type: 'fantasy' });
    fireEvent.click(screen.getByRole('button', { name: 'Create world' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith({ world_id: 'w9' }));
    expect(create).toHaveBeenCalledWith({
      name: 'Eldoria',
      world_type: 'fantasy',
      visibility: 'private',
      description: 'Old magic and older grudges.',
      starter_cast: false,
    });
  });

  it('offers English, Tiếng Việt and detection as the language, and sends the chosen one with the starter cast when asked', async () => {
    const create = vi.spyOn(worlds, 'create').mockResolvedValue({ world_id: 'w9' });
    renderAt(<WorldCreateForm onCreated={() => {}} />);
    const language = screen.getByLabelText('Language');
    expect(language).toHaveValue('');
    expect([...language.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Detect from text'],
      ['en', 'English'],
      ['vi', 'Tiếng Việt'],
    ]);
    const cast = screen.getByLabelText(/starter cast/);
    expect(cast).not.toBeChecked();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Hà Nội những năm 1946' } });
    fireEvent.change(language, { target: { value: 'vi' } });
    fireEvent.click(cast);
    fireEvent.click(screen.getByRole('button', { name: 'Create world' }));
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0][0]).toEqual({
      name: 'Hà Nội những năm 1946',
      world_type: 'fantasy',
      visibility: 'private',
      description: '',
      language: 'vi',
      starter_cast: true,
    });
  });

  it('asks the AI to write in the chosen language', async () => {
    vi.spyOn(gpt, 'generateDescription').mockResolvedValue({ task_id: 't2', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { description: 'Một vùng đất cổ.' } });
    renderAt(<WorldCreateForm onCreated={() => {}} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Eldoria' } });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'vi' } });
    fireEvent.click(screen.getByRole('button', { name: /Write description with AI/ }));
    await waitFor(() => expect(screen.getByLabelText('Description')).toHaveValue('Một vùng đất cổ.'), { timeout: 5000 });
    expect(gpt.generateDescription).toHaveBeenCalledWith({
      type: 'world',
      world_name: 'Eldoria',
      world_type: 'fantasy',
      language: 'vi',
    });
  });

  it('passes an AI analysis as gpt_entities when asked', async () => {
    vi.spyOn(gpt, 'analyze').mockResolvedValue({ task_id: 't2' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { entities: [{ name: 'Ayla' }], locations: [{ name: 'Lumen' }] } });
    const create = vi.spyOn(worlds, 'create').mockResolvedValue({ world_id: 'w9' });
    renderAt(<WorldCreateForm onCreated={() => {}} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Eldoria' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Queen Ayla rules Lumen.' } });
    fireEvent.click(screen.getByLabelText(/Find characters and places/));
    fireEvent.click(screen.getByRole('button', { name: 'Create world' }));
    await waitFor(() => expect(create).toHaveBeenCalled(), { timeout: 5000 });
    expect(gpt.analyze).toHaveBeenCalledWith({ world_description: 'Queen Ayla rules Lumen.', world_type: 'fantasy' });
    expect(create.mock.calls[0][0].gpt_entities).toEqual({ entities: [{ name: 'Ayla' }], locations: [{ name: 'Lumen' }] });
  });

  it('requires a name', async () => {
    const create = vi.spyOn(worlds, 'create');
    renderAt(<WorldCreateForm onCreated={() => {}} />);
    expect(screen.getByLabelText('Name')).toBeRequired();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '   ' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New world' }));
    expect(await screen.findByText('Please name your world.')).toBeInTheDocument();
    expect(create).not.toHaveBeenCalled();
  });
});

describe('ShareForm', () => {
  it('shares with the given user ids and lists who has access', async () => {
    const share = vi.spyOn(worlds, 'share').mockResolvedValue({});
    const { queryClient } = renderAt(<ShareForm world={{ world_id: 'w1', shared_with: ['u-old'] }} />);
    queryClient.setQueryData(queryKeys.worlds.detail('w1'), { world_id: 'w1', shared_with: ['u-old'] });
    expect(screen.getByText('u-old')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('User IDs'), { target: { value: 'u-a, u-b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    expect(await screen.findByText('Shared with 2 users.')).toBeInTheDocument();
    expect(share).toHaveBeenCalledWith('w1', ['u-a', 'u-b']);
    expect(queryClient.getQueryState(queryKeys.worlds.detail('w1')).isInvalidated).toBe(true); // shared_with changed
  });

  it('unshares one user', async () => {
    const unshare = vi.spyOn(worlds, 'unshare').mockResolvedValue({});
    renderAt(<ShareForm world={{ world_id: 'w1', shared_with: ['u-old'] }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Stop sharing with u-old' }));
    await waitFor(() => expect(unshare).toHaveBeenCalledWith('w1', ['u-old']));
  });
});
