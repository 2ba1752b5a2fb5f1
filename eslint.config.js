// ESLint flat config. Besides the recommended rules it enforces the dependency direction of SPEC §3:
//   renderer → shared ← electron;  only the Electron shell (electron/main, electron/preload) imports `electron`;
//   shared/ imports no Node API, no DOM/UI library and nothing from electron/ or renderer/.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Every Node built-in, bare (`fs`, `fs/promises`) and with the `node:` scheme. */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));
const nodeBuiltinPaths = (message) => NODE_BUILTINS.map((name) => ({ name, message }));
const nodeSchemePattern = (message) => ({ group: ['node:*'], message });

const ELECTRON_ONLY_IN_SHELL = 'Only electron/main and electron/preload may import `electron`; use the typed API in shared/api instead.';

const layering = {
  shared: {
    paths: [
      ...nodeBuiltinPaths('shared/ runs on both sides: no Node APIs here.'),
      { name: 'electron', message: 'shared/ must not depend on Electron.' },
      { name: 'react', message: 'shared/ must not depend on UI libraries.' },
      { name: 'react-dom', message: 'shared/ must not depend on UI libraries.' },
    ],
    patterns: [
      nodeSchemePattern('shared/ runs on both sides: no Node APIs here.'),
      { group: ['electron/*', 'react-dom/*', 'react/*', '@mantine/*', '@tanstack/react-*', 'react-router', 'react-router/*', 'react-i18next'], message: 'shared/ must not depend on Electron or UI libraries.' },
      { group: ['**/electron/**', '**/electron', '**/renderer/**', '**/renderer'], message: 'shared/ must not import from electron/ or renderer/: the dependency points the other way.' },
    ],
  },
  renderer: {
    paths: [
      ...nodeBuiltinPaths('The renderer has no Node APIs: call the Node side through the typed API.'),
      { name: 'electron', message: 'The renderer must not import `electron`: use the typed API (window.throughcare.invoke).' },
    ],
    patterns: [
      nodeSchemePattern('The renderer has no Node APIs: call the Node side through the typed API.'),
      { group: ['electron/*'], message: 'The renderer must not import `electron`.' },
      { group: ['**/electron/**', '**/electron'], message: 'The renderer must not import from electron/: put shared types in shared/.' },
    ],
  },
  node: {
    paths: [{ name: 'electron', message: ELECTRON_ONLY_IN_SHELL }],
    patterns: [
      { group: ['electron/*'], message: ELECTRON_ONLY_IN_SHELL },
      { group: ['**/renderer/**', '**/renderer'], message: 'Node code must not import from renderer/: put shared code in shared/.' },
    ],
  },
  shell: {
    paths: [],
    patterns: [{ group: ['**/renderer/**', '**/renderer'], message: 'The shell must not import from renderer/: put shared code in shared/.' }],
  },
};

/** `_`-prefixed names are deliberately unused (handler signatures, destructuring to omit a field). */
const UNUSED = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.native/**', 'drizzle/**', 'test-results/**', 'build/**/*.js', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: c.files ?? ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'] })),
  { languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } } },
  { files: ['**/*.{js,mjs,cjs}'], rules: { 'no-unused-vars': ['error', UNUSED] } },
  { files: ['**/*.{ts,tsx,mts,cts}'], rules: { '@typescript-eslint/no-unused-vars': ['error', UNUSED] } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', layering.renderer] },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: { 'no-restricted-imports': ['error', layering.shared] },
  },
  {
    files: ['electron/node/**/*.ts', 'tests/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,cjs,ts}', '*.config.{ts,js,mjs}'],
    rules: { 'no-restricted-imports': ['error', layering.node] },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', layering.shell] },
  },
  {
    files: ['tests/e2e/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
