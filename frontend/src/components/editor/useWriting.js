import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, gpt, writing } from '../../services/api.js';
import { useTask } from '../../hooks/useTask.js';
import { StreamError, readTaskStream } from './aiStream.js';

const IDLE = { phase: 'idle', tool: null, text: '', result: null, context: null, error: null, taskId: null, via: null };
const RUNNING = new Set(['starting', 'streaming', 'polling']);

/** The error sentence of a finished task's result (a string or {error}). */
function failure(result) {
  if (typeof result === 'string' && result) return result;
  return (result && result.error) || 'The AI could not write this.';
}

/**
 * One writing job at a time: `start(worldId, body)` starts it (POST /worlds/{id}/writing) and
 * reads its text as it streams; if the stream cannot be read it polls the task instead (useTask),
 * showing the task's `partial` text meanwhile. `stop()` cancels the task and keeps what arrived;
 * `discard()` stops it and forgets it. State: `phase` (idle, starting, streaming, polling, done,
 * stopped, error), `text`, `result` ({text, titles?, notice?}), `context` (the context report),
 * `error`, `via` ('stream' | 'poll'), `running`; `retry()` sends the latest request again.
 */
export function useWriting({ read = readTaskStream, start: startCall = writing.start } = {}) {
  const poll = useTask({ initialDelay: 300, maxDelay: 1500 });
  const pollRef = useRef(poll);
  useEffect(() => {
    pollRef.current = poll;
  });
  const [state, setState] = useState(IDLE);
  const job = useRef(null);
  const last = useRef(null); // [worldId, body] of the latest start, for retry()

  // leaving the page while a job writes: stop reading it, and stop the job (nobody will see its text)
  useEffect(
    () => () => {
      const me = job.current;
      if (!me) return;
      me.abort.abort();
      if (me.taskId && !me.stopped && !me.finished) gpt.cancel(me.taskId).catch(() => {});
    },
    [],
  );

  const start = useCallback(
    async (worldId, body) => {
      if (job.current) job.current.abort.abort();
      const me = { abort: new AbortController(), taskId: null, stopped: false };
      job.current = me;
      last.current = [worldId, body];
      const set = (patch) => {
        if (job.current === me) setState((s) => ({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }));
      };
      setState({ ...IDLE, phase: 'starting', tool: body.tool });
      let started;
      try {
        started = await startCall(worldId, body);
      } catch (err) {
        set({ phase: 'error', error: errorMessage(err) });
        return;
      }
      me.taskId = started && started.task_id;
      if (!me.taskId) return set({ phase: 'error', error: 'The server did not start the job.' });
      if (me.stopped) {
        gpt.cancel(me.taskId).catch(() => {});
        return;
      }
      set({ taskId: me.taskId, phase: 'streaming', via: 'stream' });

      let final;
      try {
        final = await read(me.taskId, { signal: me.abort.signal, onText: (text) => set({ text }) });
      } catch (err) {
        if (me.stopped || me.abort.signal.aborted) return;
        if (err instanceof StreamError && !err.fallback) {
          me.finished = true;
          return set({ phase: 'error', error: err.message });
        }
        set({ phase: 'polling', via: 'poll' });
        try {
          const result = await pollRef.current.run(() => Promise.resolve(started));
          final = { status: 'completed', result, text: result && typeof result.text === 'string' ? result.text : '' };
        } catch (e) {
          me.finished = true;
          if (me.stopped || job.current !== me) return;
          return set({ phase: e.cancelled ? 'stopped' : 'error', error: e.cancelled ? null : e.message });
        }
      }
      me.finished = true;
      if (job.current !== me || me.stopped) return;
      if (final.status === 'cancelled') set({ phase: 'stopped' });
      else if (final.status !== 'completed') set({ phase: 'error', error: failure(final.result) });
      else set((s) => ({ phase: 'done', result: final.result || {}, text: final.text || s.text }));
      // what the AI was given is on the task (its `context` report)
      try {
        const task = await gpt.result(me.taskId);
        if (task && task.context) set({ context: task.context });
      } catch {
        /* the report is a nicety; the text is what matters */
      }
    },
    [read, startCall],
  );

  const stop = useCallback(async () => {
    const me = job.current;
    if (!me || me.stopped) return;
    me.stopped = true;
    me.abort.abort();
    setState((s) => (RUNNING.has(s.phase) ? { ...s, phase: 'stopped' } : s));
    pollRef.current.cancel(); // cancels the task when polling had it
    if (me.taskId) {
      try {
        await gpt.cancel(me.taskId);
      } catch {
        /* finished meanwhile */
      }
      try {
        const task = await gpt.result(me.taskId);
        if (job.current === me && task) {
          setState((s) => ({ ...s, context: task.context || s.context, text: typeof task.partial === 'string' && task.partial.length > s.text.length ? task.partial : s.text }));
        }
      } catch {
        /* keep what arrived */
      }
    }
  }, []);

  const discard = useCallback(() => {
    const me = job.current;
    if (me && !me.stopped && RUNNING.has(state.phase)) stop();
    job.current = null;
    pollRef.current.reset();
    setState(IDLE);
  }, [state.phase, stop]);

  /** The same request again (after an error). */
  const retry = useCallback(() => (last.current ? start(...last.current) : undefined), [start]);

  const polled = state.phase === 'polling' && typeof poll.partial === 'string' && poll.partial.length > state.text.length ? poll.partial : null;
  return { ...state, text: polled ?? state.text, running: RUNNING.has(state.phase), start, stop, discard, retry };
}
