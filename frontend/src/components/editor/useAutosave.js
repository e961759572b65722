import { useCallback, useEffect, useRef, useState } from 'react';

export const AUTOSAVE_DELAY = 2000;
const OFFLINE_RETRY = 10_000;

/**
 * Saves `values` `delay` ms after the writer stops typing, while `enabled` and `dirty`.
 * `save(values)` resolves to 'saved', 'conflict' (a 412: the caller shows "Changed elsewhere" and
 * turns `enabled` off until the writer chooses; nothing is overwritten), 'offline' (no answer: the
 * local draft keeps the text and it is tried again when the browser is back online or in 10 s) or
 * an Error. One save at a time: typing during a save saves again after it, over the new version.
 *
 * Returns `{status, error, settled()}`: status is 'idle', 'pending', 'saving', 'saved', 'offline',
 * 'conflict' or 'error'; `settled()` resolves once no save is on its way (before a manual save).
 */
export function useAutosave({ enabled, dirty, values, save, delay = AUTOSAVE_DELAY }) {
  const [state, setState] = useState({ status: 'idle', error: null });
  const [round, setRound] = useState(0);
  const saveRef = useRef(save);
  const inFlight = useRef(null);
  useEffect(() => {
    saveRef.current = save;
  });
  const json = JSON.stringify(values);

  useEffect(() => {
    if (!enabled || !dirty) return undefined;
    const timer = setTimeout(
      () => {
        if (inFlight.current) return; // the save on its way calls the next round
        setState({ status: 'saving', error: null });
        const run = Promise.resolve()
          .then(() => saveRef.current(JSON.parse(json)))
          .then(
            (result) => (result instanceof Error ? { status: 'error', error: result } : { status: result, error: null }),
            (err) => ({ status: 'error', error: err }),
          )
          .then((next) => {
            inFlight.current = null;
            setState(next);
            setRound((n) => n + 1);
          });
        inFlight.current = run;
      },
      state.status === 'offline' ? OFFLINE_RETRY : delay,
    );
    return () => clearTimeout(timer);
    // state.status only picks the wait; round starts the next save after one ends
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, dirty, json, delay, round]);

  // back online: try again at once
  useEffect(() => {
    const again = () => {
      setState((now) => (now.status === 'offline' ? { status: 'idle', error: null } : now)); // no longer waits the offline retry
      setRound((n) => n + 1);
    };
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, []);

  const settled = useCallback(() => inFlight.current || Promise.resolve(), []);
  let { status } = state;
  if (enabled && dirty && !['saving', 'offline', 'error'].includes(status)) status = 'pending';
  else if (enabled && !dirty && status === 'conflict') status = 'idle'; // the writer chose: nothing waits
  return { status, error: state.error, settled };
}
