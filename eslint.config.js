// ESLint: the recommended JS, TypeScript and Svelte rules; formatting is Prettier's job.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'build/',
      'dist/',
      '.svelte-kit/',
      'node_modules/',
      'data/',
      'static/',
      'coverage/',
      'reports/',
      '.stryker-tmp/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
    }
  },
  {
    rules: {
      // Unused names are errors unless they say they are unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
      ],
      // Chinese text uses the ideographic space (U+3000) in its layout strings.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      // The app is served at the root with no base path, so plain hrefs are right.
      'svelte/no-navigation-without-resolve': 'off',
      // Attributes need a mustache for a literal brace ({'{'}) or an escape (a placeholder's \n line breaks).
      'svelte/no-useless-mustaches': 'off'
    }
  }
);
