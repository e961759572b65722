import { createContext } from 'react';

export const AuthContext = createContext({
  user: null,
  ready: true,
  login: async () => null,
  register: async () => null,
  resume: async () => null,
  logout: () => {},
});
