// Flat config. Module boundaries (architecture.md §2): libs/domain depends on nothing of ours and no
// framework; workflows/ only on domain, contracts and @temporalio/workflow (determinism).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.infra/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    // Type-aware rules (typed linting): each file is checked with the first of these programs that
    // holds it — tsconfig.json for apps/api, apps/worker, apps/projector, libs, workflows, test, bench
    // and infra; apps/web/tsconfig.json for the web app; tsconfig.node.json for vite.config.mts. (An
    // explicit list: the project service finds no tsconfig.json for vite.config.mts and was slower.)
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './apps/web/tsconfig.json', './apps/web/tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', disallowTypeAnnotations: false, fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:runtime', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:domain'] },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: ['scope:domain'] },
            { sourceTag: 'scope:workflows', onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts'] },
            { sourceTag: 'scope:persistence', onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts'] },
            {
              sourceTag: 'scope:messaging',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts', 'scope:persistence'],
            },
            {
              sourceTag: 'scope:notifications',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts', 'scope:runtime'],
            },
            {
              sourceTag: 'scope:reporting',
              onlyDependOnLibsWithTags: [
                'scope:domain',
                'scope:contracts',
                'scope:runtime',
                'scope:persistence',
                'scope:notifications',
              ],
            },
            {
              sourceTag: 'scope:app',
              onlyDependOnLibsWithTags: [
                'scope:runtime',
                'scope:domain',
                'scope:contracts',
                'scope:persistence',
                'scope:messaging',
                'scope:workflows',
                'scope:notifications',
                'scope:reporting',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // The web app (React, browser): the same module boundaries as the other apps; it imports only
    // the pure domain library.
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    plugins: { '@nx': nx, 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts'] },
          ],
        },
      ],
    },
  },
  {
    // Decorator-based frameworks (NestJS, TypeORM, class-validator) need runtime imports of types.
    files: ['apps/**/*.ts', 'libs/persistence/**/*.ts', 'libs/messaging/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/)',
              message: 'libs/domain är ren TypeScript: inga ramverk, inga andra bibliotek, ingen I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|@temporalio/workflow$|@kvalitet/domain$|@kvalitet/contracts$)',
              message:
                'Arbetsflödeskod får bara importera @temporalio/workflow, @kvalitet/domain och @kvalitet/contracts (determinism).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'bench/**/*.ts', 'infra/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
