import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Test files, and the test helpers only tests import. */
const TESTS = ['**/*.test.{ts,tsx}', 'src/ui/player/testWalk.ts'];
const VIEW = ['react', 'react-*', 'react/*', '@xyflow/*', 'i18next', '@dagrejs/*', '@tanstack/*'];
const STATE = ['zustand', 'zustand/*', 'zundo'];
/** An import of a folder of src/ or of anything in it, from anywhere below src/. */
const folder = (name) => [`**/${name}`, `**/${name}/**`];

/**
 * One floor of src/: its modules import nothing from the floors above it (nor these libraries).
 * Its tests may also build fixtures with the worker's inline engine (worker/sim-api), the bundled
 * examples and the CLI's formatters, but never import the UI or the app from below them.
 */
function floor(dir, { above, libs = [], why = `${dir} is below ${above.join(', ')}` }) {
  const layers = (names, more = '') => ({ group: names.flatMap(folder), message: `${why}: floors look down (docs/ARCHITECTURE.md, "Architecture: the floors").${more}` });
  const source = [layers(above)];
  if (libs.length) source.push({ group: libs, message: `${dir} does not need ${libs.join(', ')}.` });
  const forTests = above.filter((n) => !['worker', 'worker/sim-api', 'examples', 'cli'].includes(n));
  return [
    { files: [`${dir}/**/*.{ts,tsx}`], ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns: source }] } },
    {
      files: TESTS.map((t) => (t.startsWith('src/') ? t : `${dir}/${t}`)).filter((t) => t.startsWith(`${dir}/`)),
      rules: { 'no-restricted-imports': ['error', { patterns: forTests.length ? [layers(forTests, ' Tests may use worker/sim-api, the examples and the CLI as fixtures.')] : [] }] },
    },
  ];
}

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
  // The floors (docs/ARCHITECTURE.md, "Architecture: the floors"): each layer imports only the ones
  // below it. engine → walk → worker, store, lessons → ui (with i18n) → app.
  ...floor('src/engine', { above: ['walk', 'worker', 'store', 'lessons', 'ui', 'i18n', 'app', 'examples', 'cli'], libs: [...VIEW, ...STATE, 'comlink', 'lz-string', 'node:*'] }),
  ...floor('src/walk', { above: ['worker', 'store', 'lessons', 'ui', 'i18n', 'app', 'examples', 'cli'], libs: [...VIEW, ...STATE, 'comlink', 'node:*'] }),
  ...floor('src/worker', { above: ['store', 'lessons', 'ui', 'i18n', 'app', 'cli'], libs: [...VIEW, ...STATE] }),
  ...floor('src/store', { above: ['worker', 'lessons', 'ui', 'i18n', 'app', 'examples', 'cli'], libs: [...VIEW, 'comlink'] }),
  ...floor('src/lessons', { above: ['worker', 'store', 'ui', 'i18n', 'app', 'examples', 'cli'], libs: [...VIEW, ...STATE, 'comlink'] }),
  ...floor('src/i18n', { above: ['engine', 'walk', 'worker', 'store', 'lessons', 'ui', 'app', 'examples', 'cli'], why: "src/i18n is the UI's words and imports nothing else of the app" }),
  // The UI reaches the worker through its client and protocol, never its engine-side modules.
  ...floor('src/ui', { above: ['app', 'examples', 'cli', 'worker/sim-api', 'worker/sim.worker'] }),
  ...floor('src/cli', { above: ['walk', 'worker', 'store', 'lessons', 'ui', 'i18n', 'app'] }),
  {
    // The engine is deterministic and sees no page: time and randomness are arguments.
    files: ['src/engine/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'Date', 'performance', 'setTimeout', 'setInterval'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded random source of the simulation.' }],
    },
  },
  {
    // The walk layer is a model the worker runs: no page either.
    files: ['src/walk/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'location'] },
  },
  {
    // The main thread imports engine values from engine/pure only (small modules: addresses,
    // Linux's text, the editor's model), and so does the walk layer it shares with the worker; the
    // simulator, the file formats and pcapng stay behind the worker. Types may come from anywhere
    // in the engine. Tests may build fixtures with any of it.
    files: ['src/ui/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/store/**/*.ts', 'src/walk/**/*.ts', 'src/lessons/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)engine(/(?!pure$|pure-terminal$|pure-player$|pure-inspector$|pure-vlan$).*)?$',
              allowTypeImports: true,
              message: 'Engine values come from engine/pure (or engine/pure-terminal, for the terminals; engine/pure-player, for the player; engine/pure-inspector, for the inspector’s tunnel devices; engine/pure-vlan, for the inspector’s VLANs) (the simulator and the file formats run in the worker); types from anywhere in the engine.',
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
