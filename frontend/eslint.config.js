import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';

export default defineConfig([
  globalIgnores(['dist', 'e2e/artifacts', 'screenshots']),
  {
    files: ['**/*.{js,jsx,mjs}'],
    extends: [js.configs.recommended],
    plugins: { react },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    // ESLint 9 does not see <Name /> as a use of Name; this rule does, so no-unused-vars stays exact
    rules: { 'react/jsx-uses-vars': 'error' },
  },
  {
    // the app: runs in the browser
    files: ['src/**/*.{js,jsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
  {
    // modules Vite hot-reloads: a file exporting components exports only components
    files: ['src/**/*.jsx'],
    ignores: ['src/**/*.test.jsx', 'src/test/**'],
    extends: [reactRefresh.configs.vite],
  },
  {
    files: ['src/**/*.test.{js,jsx}', 'src/test/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.vitest } },
  },
  {
    files: ['*.js', 'scripts/**'],
    languageOptions: { globals: globals.node },
  },
  {
    // node's test runner; the callbacks it hands to page.evaluate run in the browser
    files: ['e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
]);
