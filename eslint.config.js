// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports each layer may not make; see shared/STYLE.md. */
const nodeBuiltins = ['node:*', 'fs', 'path', 'net', 'child_process', 'os', 'http', 'crypto'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'agent/**',
      'examples/**',
      'bench/.cache/**',
      'test-results/**',
      'playwright-report/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'electron',
        'react',
        '**/core/**',
        '**/main/**',
        '**/renderer/**',
        '**/server/**',
      ],
      'src/shared holds plain contracts and models: no Node, Electron, DOM or other layers.',
    ),
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/server/**/*.ts'],
    rules: restrict(
      ['electron', 'react', '**/main/**', '**/renderer/**', '**/preload/**'],
      'core, cli and server are plain Node: no Electron, React or UI imports.',
    ),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', '**/renderer/**'],
              message: 'The main process does not import the renderer.',
            },
          ],
          // Raw IPC stays in the contract's transport (after GitHub Desktop's ipc-main wrappers).
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message: 'Use the contract transport in src/main/ipc-transport.ts, not raw ipcMain.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/ipc-transport.ts'],
    rules: restrict(['react', '**/renderer/**'], 'The main process does not import the renderer.'),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, '**/core/**', '**/renderer/**'],
      'The preload exposes one narrow API: shared contracts and electron only.',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, 'electron', '**/core/**', '**/main/**', '**/server/**', '**/preload/**'],
        'The renderer talks to the outside only through its transport module.',
      ),
    },
  },
);
