import { createContext, useContext } from 'react';

/**
 * Short notices at the foot of the screen. `show({message, tone, action: {label, run}, duration})`
 * returns an id; `update(id, patch)` changes one, `dismiss(id)` removes it.
 */
export const ToastContext = createContext({ toasts: [], show: () => 0, update: () => {}, dismiss: () => {} });

export function useToast() {
  return useContext(ToastContext);
}
