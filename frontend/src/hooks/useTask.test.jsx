import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpt } from '../services/api.js';
import { useTask } from './useTask.js';

const fast = { initialDelay: 1, maxDelay: 5, factor: 2 };

afterEach(() => vi.restoreAllMocks());

describe('useTask', () => {
  it('polls until completed and resolves with the result', async () => {
    const answers = [
      { status: 'pending', progress: { done: 0, total: 2, message: 'Queued' } },
      { status: 'processing', progress: { done: 1, total: 2, message: 'Half way' } },
      { status: 'completed', result: { characters: [{ name: 'Ayla' }] }, progress: { done: 2, total: 2 }, provider: 'offline' },
    ];
    const result = vi.spyOn(gpt, 'result').mockImplementation(async () => answers.shift());
    const { result: hook } = renderHook(() => useTask(fast));
    let value;
    await act(async () => {
      value = await hook.current.run(async () => ({ task_id: 't1', status: 'pending' }));
    });
    expect(value).toEqual({ characters: [{ name: 'Ayla' }] });
    expect(result).toHaveBeenCalledTimes(3);
    expect(result).toHaveBeenCalledWith('t1');
    expect(hook.current.status).toBe('completed');
    expect(hook.current.provider).toBe('offline');
    expect(hook.current.running).toBe(false);
  });

  it('rejects with the API message string when the job errors', async () => {
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'error', result: 'Provider exploded' });
    const { result: hook } = renderHook(() => useTask(fast));
    let err;
    await act(async () => {
      err = await hook.current.run(async () => ({ task_id: 't2' })).catch((e) => e);
    });
    expect(err.message).toBe('Provider exploded');
    expect(hook.current.status).toBe('error');
    expect(hook.current.error).toBe('Provider exploded');
  });

  it('reports an error when the job cannot start (e.g. quota)', async () => {
    const { result: hook } = renderHook(() => useTask(fast));
    const apiErr = Object.assign(new Error('Daily AI quota reached'), { isApiError: true, status: 429 });
    let err;
    await act(async () => {
      err = await hook.current.run(async () => { throw apiErr; }).catch((e) => e);
    });
    expect(err.message).toBe('Daily AI quota reached');
    expect(hook.current.error).toBe('Daily AI quota reached');
  });

  it('gives up after the time limit and cancels the job', async () => {
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'processing' });
    const cancel = vi.spyOn(gpt, 'cancel').mockResolvedValue({});
    const { result: hook } = renderHook(() => useTask({ ...fast, timeoutMs: 30 }));
    let err;
    await act(async () => {
      err = await hook.current.run(async () => ({ task_id: 't3' })).catch((e) => e);
    });
    expect(err.kind).toBe('timeout');
    expect(hook.current.status).toBe('timeout');
    expect(cancel).toHaveBeenCalledWith('t3');
  });

  it('cancel() stops polling and DELETEs the task', async () => {
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'processing', progress: { done: 0, total: 1 } });
    const cancel = vi.spyOn(gpt, 'cancel').mockResolvedValue({});
    const { result: hook } = renderHook(() => useTask({ initialDelay: 20, maxDelay: 20 }));
    let promise;
    act(() => {
      promise = hook.current.run(async () => ({ task_id: 't4' })).catch((e) => e);
    });
    await waitFor(() => expect(hook.current.taskId).toBe('t4'));
    await act(async () => {
      await hook.current.cancel();
    });
    const err = await promise;
    expect(err.cancelled).toBe(true);
    expect(cancel).toHaveBeenCalledWith('t4');
    expect(hook.current.status).toBe('cancelled');
  });

  it('backs off between polls', async () => {
    const times = [];
    let n = 0;
    vi.spyOn(gpt, 'result').mockImplementation(async () => {
      times.push(Date.now());
      n += 1;
      return n < 4 ? { status: 'processing' } : { status: 'completed', result: {} };
    });
    const { result: hook } = renderHook(() => useTask({ initialDelay: 10, factor: 3, maxDelay: 1000 }));
    await act(async () => {
      await hook.current.run(async () => ({ task_id: 't5' }));
    });
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps[2]).toBeGreaterThan(gaps[0]);
  });
});
