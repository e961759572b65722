import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { client } from '../services/api.js';

// Unit tests never touch the network: a request nobody mocked fails like an unreachable server.
beforeEach(() => {
  client.defaults.adapter = (config) => {
    const err = new Error('Network Error');
    err.isAxiosError = true;
    err.config = config;
    return Promise.reject(err);
  };
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});
