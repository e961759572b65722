import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aiSettings, usage, worlds } from '../../services/api.js';
import { queryKeys } from '../../services/queries.js';
import AdminAICard from './AdminAICard.jsx';
import WorldAIModel from './WorldAIModel.jsx';
import UsageCard from './UsageCard.jsx';
import { capabilityList, formatCost, priceOf } from './aiFormat.js';
import { renderAt, world } from '../../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const settings = {
  provider: 'openai',
  base_url_host: 'llm.local:8080',
  model: 'qwen2.5-7b',
  allowed_models: ['qwen2.5-7b', 'gpt-4o-mini'],
  api_key_set: true,
  context_budget: { default: 2000, per_model: { 'gpt-4o-mini': 8000 } },
  prices: { 'gpt-4o-mini': { prompt: 0.15, completion: 0.6 } },
  currency: 'USD',
  capabilities: { streaming: true, json_mode: false, tools: null, checked_at: null },
};

describe('AdminAICard', () => {
  it('shows the provider, model, allowed models, capabilities and prices', async () => {
    vi.spyOn(aiSettings, 'admin').mockResolvedValue(settings);
    renderAt(<AdminAICard />);
    const card = await screen.findByRole('region', { name: 'AI' });
    await within(card).findByText('qwen2.5-7b', { selector: 'dd > code' });
    expect(within(card).getByText('openai')).toBeInTheDocument();
    expect(within(card).getByText('llm.local:8080')).toBeInTheDocument();
    expect(within(card).getByText('gpt-4o-mini', { selector: 'dd > span > code' })).toBeInTheDocument();
    expect(within(card).getByText('up to 2,000 tokens (gpt-4o-mini: 8,000)')).toBeInTheDocument();
    const caps = within(card).getByRole('list', { name: 'Capabilities' });
    expect(within(caps).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Streaming: yes', 'JSON mode: no', 'Tool calls: not tested']);
    expect(card).toHaveTextContent('gpt-4o-mini: USD 0.15 in, USD 0.60 out per million tokens');
  });

  it('tests the connection and shows the latency', async () => {
    vi.spyOn(aiSettings, 'admin').mockResolvedValue({ ...settings, provider: 'offline', base_url_host: '', prices: {} });
    const note = 'No AI server is configured: the offline provider answers every job here.';
    const test = vi.spyOn(aiSettings, 'test').mockResolvedValue({ ok: true, provider: 'offline', latency_ms: 41.7, model: 'offline', capabilities: { streaming: true, checked_at: '2026-12-08T02:00:00Z' }, message: note });
    renderAt(<AdminAICard />);
    expect(await screen.findByText('No prices set: usage shows tokens only')).toBeInTheDocument();
    expect(screen.getByText('(used once an AI server is configured)', { exact: false })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByRole('status')).toHaveTextContent(`Connected: offline answered in 42 ms. ${note}`);
    // the offline helper has no server whose features could be listed, before or after a test
    expect(screen.queryByRole('list', { name: 'Capabilities' })).not.toBeInTheDocument();
    expect(screen.getByText(/No AI server: the offline helper works/)).toBeInTheDocument();
    expect(test).toHaveBeenCalled();
  });

  it('shows a failed connection’s error in plain words', async () => {
    vi.spyOn(aiSettings, 'admin').mockResolvedValue(settings);
    vi.spyOn(aiSettings, 'test').mockResolvedValue({ ok: false, latency_ms: 12, model: 'qwen2.5-7b', capabilities: {}, error: 'connection refused by llm.local:8080' });
    renderAt(<AdminAICard />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The connection failed: Connection refused by llm.local:8080.');
  });

  it('shows a refused test as the app’s sentence', async () => {
    vi.spyOn(aiSettings, 'admin').mockResolvedValue(settings);
    vi.spyOn(aiSettings, 'test').mockRejectedValue(Object.assign(new Error('The AI helper is unavailable right now. Try again later.'), { isApiError: true, status: 503 }));
    renderAt(<AdminAICard />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The AI helper is unavailable right now.');
  });
});

describe('WorldAIModel', () => {
  const models = {
    default: 'qwen2.5-7b',
    provider: 'openai-compatible',
    currency: 'USD',
    models: [
      { id: 'qwen2.5-7b', default: true, price: null },
      { id: 'gpt-4o-mini', label: 'GPT-4o mini', default: false, price: { prompt: 0.15, completion: 0.6 } },
    ],
  };

  it('offers the allowed models and saves the choice with the world over its version', async () => {
    vi.spyOn(aiSettings, 'models').mockResolvedValue(models);
    const update = vi.spyOn(worlds, 'update').mockResolvedValue({ ...world, ai_model: 'gpt-4o-mini', version: 4 });
    const { queryClient } = renderAt(<WorldAIModel world={{ ...world, version: 3 }} />);
    const select = await screen.findByLabelText('Model');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'The server’s default (qwen2.5-7b)',
      'qwen2.5-7b',
      'GPT-4o mini (USD 0.15 in / USD 0.60 out per million tokens)',
    ]);
    expect(screen.getByRole('button', { name: 'Save model' })).toBeDisabled();
    fireEvent.change(select, { target: { value: 'gpt-4o-mini' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save model' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith('w1', { ai_model: 'gpt-4o-mini' }, 3));
    expect(queryClient.getQueryData(queryKeys.worlds.detail('w1')).ai_model).toBe('gpt-4o-mini');
  });

  it('shows why a model was refused', async () => {
    vi.spyOn(aiSettings, 'models').mockResolvedValue(models);
    vi.spyOn(worlds, 'update').mockRejectedValue(Object.assign(new Error('That model is not allowed here.'), { isApiError: true, status: 400 }));
    renderAt(<WorldAIModel world={{ ...world, ai_model: 'gpt-4o-mini' }} />);
    const select = await screen.findByLabelText('Model');
    expect(select).toHaveValue('gpt-4o-mini');
    fireEvent.change(select, { target: { value: 'qwen2.5-7b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save model' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That model is not allowed here.');
  });
});

describe('UsageCard', () => {
  it('says “No AI use yet” instead of a table of zeros', async () => {
    vi.spyOn(usage, 'mine').mockResolvedValue({ currency: 'USD', totals: { jobs: 0, prompt_tokens: 0, completion_tokens: 0, cost: 0 }, by_world: [], by_day: [] });
    renderAt(<UsageCard />);
    expect(await screen.findByText('No AI use yet.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(usage.mine).toHaveBeenCalledWith(30);
  });

  it('shows tokens and cost in all and per world, leaving out worlds that used nothing', async () => {
    vi.spyOn(usage, 'mine').mockResolvedValue({
      currency: 'EUR',
      totals: { jobs: 5, prompt_tokens: 12000, completion_tokens: 3400, cost: 0.0042 },
      by_world: [
        { world_id: 'w1', name: 'Eldoria', jobs: 4, prompt_tokens: 11000, completion_tokens: 3000, cost: 0.004 },
        { world_id: 'w2', name: 'Đảo Sương Mù', jobs: 1, prompt_tokens: 1000, completion_tokens: 400, cost: 0.0002 },
        { world_id: 'w3', name: 'Empty', jobs: 0, prompt_tokens: 0, completion_tokens: 0, cost: 0 },
        { world_id: '', name: '', jobs: 1, prompt_tokens: 10, completion_tokens: 0, cost: 0 },
      ],
      by_day: [],
    });
    renderAt(<UsageCard />);
    const card = await screen.findByRole('region', { name: 'AI usage' });
    await within(card).findByText('15,400 tokens');
    expect(card).toHaveTextContent('(12,000 read, 3,400 written)');
    expect(card).toHaveTextContent('EUR 0.0042');
    const rows = within(within(card).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['Eldoria414,000EUR 0.0040', 'Đảo Sương Mù11,400EUR 0.0002', 'Other (no world, or a world you only read)110–']);
    expect(within(card).getByRole('link', { name: 'Đảo Sương Mù' })).toHaveAttribute('href', '/worlds/w2');
  });

  it('counts offline jobs without a column of zero tokens', async () => {
    vi.spyOn(usage, 'mine').mockResolvedValue({
      currency: 'USD',
      totals: { jobs: 3, prompt_tokens: 0, completion_tokens: 0, cost: 0 },
      by_world: [{ world_id: 'w1', name: 'Eldoria', jobs: 3, prompt_tokens: 0, completion_tokens: 0, cost: 0 }],
      by_day: [],
    });
    renderAt(<UsageCard />);
    expect(await screen.findByText('None: the jobs ran on the offline helper')).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['World', 'Jobs']);
    expect(screen.queryByText(/No prices are set/)).toBeNull();
  });

  it('counts tokens only when no prices are set', async () => {
    vi.spyOn(usage, 'mine').mockResolvedValue({
      currency: 'USD',
      totals: { jobs: 2, prompt_tokens: 500, completion_tokens: 0, cost: 0 },
      by_world: [{ world_id: 'w1', name: 'Eldoria', jobs: 2, prompt_tokens: 500, completion_tokens: 0, cost: 0 }],
      by_day: [],
    });
    renderAt(<UsageCard />);
    expect(await screen.findByText('No prices are set on this server, so only tokens are counted.')).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Cost' })).toBeNull();
    expect(screen.queryByText(/USD/)).toBeNull();
  });
});

describe('aiFormat', () => {
  it('reads prices written as a pair, an object or one number', () => {
    expect(priceOf([0.15, 0.6])).toEqual([0.15, 0.6]);
    expect(priceOf({ prompt: 1, completion: 2 })).toEqual([1, 2]);
    expect(priceOf(0.5)).toEqual([0.5, 0.5]);
    expect(priceOf(null)).toBeNull();
    expect(formatCost(12.5, 'VND')).toBe('VND 12.50');
    expect(capabilityList({ streaming: 'supported', tool_calls: false })).toEqual([
      { key: 'streaming', label: 'Streaming', state: 'yes' },
      { key: 'tool_calls', label: 'Tool calls', state: 'no' },
    ]);
  });
});
