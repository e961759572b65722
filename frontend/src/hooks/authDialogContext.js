import { createContext, useContext } from 'react';

/** `signInAgain()`: open the sign-in dialog; resolves once signed in, rejects if the writer declines. */
export const AuthDialogContext = createContext({ signInAgain: () => Promise.reject(new Error('No sign-in dialog')) });

export function useAuthDialog() {
  return useContext(AuthDialogContext);
}
