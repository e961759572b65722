import { useCallback, useMemo, useRef, useState } from 'react';
import { ToastContext } from './toastContext.js';

const MAX_TOASTS = 3;

/** Holds the notices; components/Toasts.jsx shows them (Layout puts it first in <main>). */
export default function ToastProvider({ children }) {
  const [toasts, setToasts] = useState([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback((toast) => {
    const id = nextId.current++;
    setToasts((all) => [...all, { duration: 10000, tone: 'info', ...toast, id, shownAt: Date.now() }].slice(-MAX_TOASTS));
    return id;
  }, []);
  const update = useCallback(
    (id, patch) => setToasts((all) => all.map((t) => (t.id === id ? { ...t, ...patch, shownAt: Date.now() } : t))),
    [],
  );

  const value = useMemo(() => ({ toasts, show, update, dismiss }), [toasts, show, update, dismiss]);
  return <ToastContext.Provider value={value}>{children}</ToastContext.Provider>;
}
