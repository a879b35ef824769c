// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * Layers (see README "Architecture"). Each folder's runtime is fixed and enforced here:
 * - electron/shared  pure TypeScript usable everywhere: no Node, no Electron, no React
 * - electron/core    domain and services under plain Node: never Electron
 * - electron/cli     command-line tool under plain Node: never Electron
 * - electron/engine  speech (and later LLM) engines and their native addon, plain Node: never
 *                    Electron, never the renderer or the shell
 * - electron/main, electron/preload  the only places that may import Electron; never React
 * - src              React renderer: no Node built-ins, no Electron, no core/main code
 */
// Package names are matched as anchored regular expressions: gitignore-style patterns would also
// catch relative paths such as '../electron/shared/…'.
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const packages = (...names) => `^(${names.map(escape).join('|')})(/.*)?$`;
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const noElectron = {
  regex: `${packages('electron')}|^@electron/`,
  message: 'Only electron/main and electron/preload may import Electron.',
};
const noNode = {
  regex: `^node:|${packages(...nodeBuiltins)}`,
  message: 'This layer runs outside Node: no Node built-ins.',
};
const noReact = {
  regex: `${packages('react', 'react-dom')}|^@mui/`,
  message: 'React belongs to the renderer (src/) only.',
};
const noShell = {
  group: ['**/electron/main/**', '**/electron/preload/**', '**/main/*', '**/preload/*'],
  message: 'Core code must not depend on the Electron shell.',
};
const noBackend = {
  group: ['**/electron/core/**', '**/electron/main/**', '**/electron/cli/**', '**/migrations/**'],
  message: 'The renderer reaches the core only through the typed IPC client.',
};
const noDatabase = {
  regex: packages('better-sqlite3', 'kysely'),
  message: 'The renderer reaches the core only through the typed IPC client.',
};

/** @param {...({group: string[], message: string} | {regex: string, message: string})} patterns */
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.bench/**',
      '.native/**',
      '.preview/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: restrict(noElectron, noNode, noReact, noShell, {
      group: ['**/electron/core/**', '**/electron/cli/**', '**/core/*', '**/cli/*'],
      message: 'Shared code is imported by every layer and imports none of them.',
    }),
  },
  {
    files: ['electron/core/**/*.ts', 'migrations/**/*.ts', 'bench/**/*.ts'],
    rules: restrict(noElectron, noReact, noShell, {
      group: ['**/electron/cli/**', '**/cli/*'],
      message: 'Core code must not depend on the command-line tool.',
    }),
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: restrict(noElectron, noReact, noShell, {
      group: ['**/src/**', '**/electron/cli/**', '**/cli/*'],
      message: 'Engine code runs in the engine process: no renderer or command-line code.',
    }),
  },
  {
    files: ['electron/cli/**/*.ts', 'electron/preview/**/*.ts'],
    rules: restrict(noElectron, noReact, noShell),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: restrict(noReact, {
      group: ['**/src/**'],
      message: 'Main and preload never import renderer code.',
    }),
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(noElectron, noNode, noBackend, noDatabase),
  },
  prettier,
);
