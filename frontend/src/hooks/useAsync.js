import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Run an async loader on mount and when deps change.
 * Returns {data, error, loading, reload, setData}.
 */
export function useAsync(loader, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const seq = useRef(0);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;

  const reload = useCallback(() => {
    const my = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    return Promise.resolve()
      .then(() => loaderRef.current())
      .then(
        (data) => {
          if (my === seq.current) setState({ data, error: null, loading: false });
          return data;
        },
        (error) => {
          if (my === seq.current) setState((s) => ({ data: s.data, error, loading: false }));
        },
      );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      seq.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const setData = useCallback((updater) => {
    setState((s) => ({ ...s, data: typeof updater === 'function' ? updater(s.data) : updater }));
  }, []);

  return { ...state, reload, setData };
}
