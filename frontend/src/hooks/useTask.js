import { useCallback, useEffect, useRef, useState } from 'react';
import { gpt, errorMessage } from '../services/api.js';

// `partial` (the text a writing job has so far) and `context` (what the AI was given) come with the task when it has them
const IDLE = { status: 'idle', taskId: null, progress: null, result: null, error: null, provider: null, partial: null, context: null };
const ACTIVE = new Set(['starting', 'pending', 'processing']);

export class TaskError extends Error {
  constructor(message, kind) {
    super(message);
    this.name = 'TaskError';
    this.kind = kind; // 'error' | 'cancelled' | 'timeout' | 'aborted'
    this.cancelled = kind === 'cancelled' || kind === 'aborted';
  }
}

/**
 * Start an AI job and poll GET /gpt/results/{id} with back-off and a time limit.
 *
 *   const task = useTask();
 *   const result = await task.run(() => gpt.analyze(body));
 *
 * `run` resolves with the job's `result` or rejects with a TaskError.
 */
export function useTask({ initialDelay = 400, maxDelay = 4000, factor = 1.6, timeoutMs = 180000, maxPollFailures = 3 } = {}) {
  const [state, setState] = useState(IDLE);
  const current = useRef(null); // { id, taskId, cancelled, wake }
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      const job = current.current;
      if (job) {
        job.aborted = true;
        if (job.wake) job.wake();
      }
    };
  }, []);

  const update = useCallback((job, patch) => {
    if (mounted.current && current.current === job) setState((s) => ({ ...s, ...patch }));
  }, []);

  const run = useCallback(
    async (startFn) => {
      const job = { taskId: null, cancelled: false, aborted: false, wake: null };
      current.current = job;
      setState({ ...IDLE, status: 'starting' });

      const stopIfNeeded = () => {
        if (job.aborted) throw new TaskError('The job was abandoned.', 'aborted');
        if (job.cancelled) throw new TaskError('The job was cancelled.', 'cancelled');
      };
      const sleep = (ms) =>
        new Promise((resolve) => {
          const t = setTimeout(resolve, ms);
          job.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });

      try {
        let started;
        try {
          started = await startFn();
        } catch (err) {
          throw new TaskError(errorMessage(err), 'error');
        }
        if (!started || !started.task_id) throw new TaskError('The server did not start a job.', 'error');
        job.taskId = started.task_id;
        update(job, { status: started.status || 'pending', taskId: started.task_id });
        stopIfNeeded();

        const begin = Date.now();
        let delay = initialDelay;
        let failures = 0;
        for (;;) {
          await sleep(delay);
          stopIfNeeded();
          if (Date.now() - begin > timeoutMs) {
            gpt.cancel(job.taskId).catch(() => {});
            throw new TaskError(`The job took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`, 'timeout');
          }
          let res;
          try {
            res = await gpt.result(job.taskId);
            failures = 0;
          } catch (err) {
            failures += 1;
            if (err && (err.status === 404 || err.status === 401 || err.status === 403) || failures >= maxPollFailures) {
              throw new TaskError(errorMessage(err), 'error');
            }
            delay = Math.min(delay * factor, maxDelay);
            continue;
          }
          stopIfNeeded();
          update(job, { status: res.status, progress: res.progress || null, provider: res.provider || null, partial: typeof res.partial === 'string' ? res.partial : null, context: res.context || null });
          if (res.status === 'completed') {
            update(job, { result: res.result });
            return res.result;
          }
          if (res.status === 'error') {
            const msg = typeof res.result === 'string' && res.result ? res.result : (res.result && res.result.error) || 'The AI job failed.';
            throw new TaskError(msg, 'error');
          }
          if (res.status === 'cancelled') throw new TaskError('The job was cancelled.', 'cancelled');
          delay = Math.min(delay * factor, maxDelay);
        }
      } catch (err) {
        const e = err instanceof TaskError ? err : new TaskError(errorMessage(err), 'error');
        if (e.kind === 'cancelled') update(job, { status: 'cancelled', error: null });
        else if (e.kind !== 'aborted') update(job, { status: e.kind === 'timeout' ? 'timeout' : 'error', error: e.message });
        throw e;
      } finally {
        job.wake = null;
      }
    },
    [initialDelay, maxDelay, factor, timeoutMs, maxPollFailures, update],
  );

  const cancel = useCallback(async () => {
    const job = current.current;
    if (!job || job.cancelled) return;
    job.cancelled = true;
    if (job.wake) job.wake();
    update(job, { status: 'cancelled' });
    if (job.taskId) {
      try {
        await gpt.cancel(job.taskId);
      } catch {
        /* the job may have finished already */
      }
    }
  }, [update]);

  const reset = useCallback(() => {
    current.current = null;
    setState(IDLE);
  }, []);

  return { ...state, running: ACTIVE.has(state.status), run, cancel, reset };
}
