import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  {
    // Node scripts (CLI entry, oracle tools, configs).
    files: ['**/*.mjs', 'bin/**', 'tools/**', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The engine sees no view: no React, DOM libraries, state stores, or app layers.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'react/*'], message: 'The engine imports nothing from React.' },
            { group: ['@xyflow/*', 'zustand', 'zustand/*', 'zundo', 'comlink'], message: 'The engine imports no view or store library.' },
            { group: ['**/ui/**', '**/store/**', '**/worker/**', '**/app/**', 'node:*'], message: 'The engine is pure: no app layers, no Node APIs.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'Date', 'performance', 'setTimeout', 'setInterval'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded random source of the simulation.' }],
    },
  },
  {
    // The walk layer (trace → steps, the simple PDU, share links, fabric sizes) is React-free and
    // DOM-free like the engine: the worker, the store and the lessons build on it.
    files: ['src/walk/**/*.ts'],
    ignores: ['src/walk/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'zundo', 'comlink', 'i18next', 'node:*'], message: 'The walk layer is a model: no React, view, store or Node library.' },
            { group: ['**/ui', '**/ui/**', '**/app', '**/app/**', '**/store', '**/store/**', '**/worker', '**/worker/**', '**/lessons', '**/lessons/**', '**/i18n', '**/i18n/**'], message: 'The walk layer imports only the engine (floors look down).' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'location'],
    },
  },
  {
    // The main thread imports engine values from engine/pure only (small modules: addresses,
    // Linux's text, the editor's model); the simulator, the file formats and pcapng stay behind the
    // worker. Types may come from anywhere in the engine. Tests may build fixtures with any of it.
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/i18n/**/*.{ts,tsx}', 'src/walk/**/*.ts', 'src/lessons/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)engine(/(?!pure$).*)?$',
              allowTypeImports: true,
              message: 'Engine values come from engine/pure (the simulator and the file formats run in the worker); types from anywhere in the engine.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
