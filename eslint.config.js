import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NIIVUE = { group: ['@niivue/*'], message: 'Only features/viewer imports Niivue.' };
const TFJS = {
  group: ['@tensorflow/*'],
  message: 'Only ml/ and the engine (core, backend, worker) import tfjs.',
};
/** Where tfjs may be imported: the model code and the engine behind the thread boundary. */
const TFJS_HOMES = [
  'src/engine/core/**',
  'src/engine/backend/**',
  'src/engine/engine.worker.ts',
  'src/ml/**',
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.worker.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  // Import boundaries: only features/viewer imports Niivue; only ml/ and the engine's
  // tfjs side import tfjs.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/features/viewer/**', ...TFJS_HOMES],
    rules: { 'no-restricted-imports': ['error', { patterns: [NIIVUE, TFJS] }] },
  },
  {
    files: ['src/features/viewer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TFJS] }] },
  },
  {
    files: TFJS_HOMES,
    rules: { 'no-restricted-imports': ['error', { patterns: [NIIVUE] }] },
  },
);
