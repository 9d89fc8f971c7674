// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import pluginRouter from '@tanstack/eslint-plugin-router';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Which code may import which: shared code (components, lib, graph, auth, config) →
 * features → app. A feature imports no other feature, except where `featureReuse` says
 * so; the browser app and the emulator never import each other. One zone per feature
 * folder, read from disk, so a new feature is covered the day it is created.
 */
const features = readdirSync('src/features', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** Feature → the parts of other features it may use (their public components and helpers). */
const featureReuse = {
  people: [
    './positions/components',
    './positions/api',
    './positions/utils',
    './positions/types.ts',
  ],
  organisation: ['./positions', './people/api'],
};
const zones = [
  { target: './src', from: './emulator', message: 'The browser app never imports the emulator.' },
  { target: './emulator', from: './src', message: 'The emulator never imports the browser app.' },
  {
    target: ['./src/components', './src/lib', './src/graph', './src/auth', './src/config'],
    from: ['./src/features', './src/app'],
    message: 'Shared code imports no feature and no app code.',
  },
  { target: './src/features', from: './src/app', message: 'Features import no app code.' },
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`, ...(featureReuse[/** @type {keyof typeof featureReuse} */ (name)] ?? [])],
    message: 'A feature imports no other feature (see featureReuse in eslint.config.js).',
  })),
];

export default defineConfig([
  globalIgnores([
    'dist',
    'coverage',
    'playwright-report',
    'test-results',
    'bench-results',
    '.data',
    'src/app/route-tree.gen.ts',
  ]),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [
      js.configs.recommended,
      tseslint.configs.strictTypeChecked,
      tseslint.configs.stylisticTypeChecked,
    ],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle reads the files an import leads to: they are TypeScript.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // How TypeScript resolves our imports: `./x` and `./x.js` both name `./x.ts`.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      ...(process.env.CI ? { 'import-x/no-cycle': 'error' } : {}),
      // Template literals with numbers read naturally in messages ("attempt 2 of 4").
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClick={() => setOpen(false)}` says what it does; a block around it says nothing more.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [
      reactHooks.configs.flat.recommended,
      pluginQuery.configs['flat/recommended'],
      pluginRouter.configs['flat/recommended'],
      reactRefresh.configs.vite,
    ],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      // Tests reach into results they have just asserted the shape of.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended, tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  prettier,
]);
