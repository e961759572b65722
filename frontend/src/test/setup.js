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

// jsdom measures no text: CodeMirror (the Markdown editor) finds empty boxes instead of failing
const EMPTY_RECT = { x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON() {} };
if (typeof Range !== 'undefined' && !Range.prototype.getClientRects) Range.prototype.getClientRects = () => [];
if (typeof Range !== 'undefined' && !Range.prototype.getBoundingClientRect) Range.prototype.getBoundingClientRect = () => EMPTY_RECT;

afterEach(() => {
  cleanup();
  localStorage.clear();
});
