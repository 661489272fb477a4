// ESLint for the extension's scripts and their node tests. Run from the repository's root
// (scripts/test.sh does): tests/extension/node_modules/.bin/eslint -c tests/extension/eslint.config.mjs
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['tests/extension/node_modules/', 'tests/extension/fixtures/build/', 'tests/extension/fixtures/src/', 'helper/', 'bench/', '.venv/', 'build/'] },
  js.configs.recommended,
  {
    // Plain scripts sharing one namespace per context (docs/EXTENSION.md): no modules.
    files: ['extension/**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'script',
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  {
    files: ['extension/background/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['tests/extension/**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    files: ['tests/extension/js/firefox-e2e.mjs'],
    // Functions it hands to the browser run there.
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-implicit-globals': 'error',
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
];
