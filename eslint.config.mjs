// ESLint 9 flat config: the recommended JavaScript and type-checked TypeScript rules, prettier owning the layout,
// plus the architecture rules of STYLE.md (no floating promises, no import cycles, thin controllers, common/
// independent of the features, features depending one way).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'data/', 'test-artifacts/', 'bench/results/']),
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // What import-x/no-cycle follows: TypeScript sources, resolved as tsc resolves them.
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Unused arguments are part of a signature (generated CRUD stubs, interface implementations); unused
      // variables and imports are still errors, except those named `_…` on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'none', caughtErrors: 'none', ignoreRestSiblings: true, varsIgnorePattern: '^_' },
      ],
      // `async` without `await` is how the in-memory stores and guard overrides honour Promise-returning
      // contracts: a throw becomes a rejection, as callers expect. Dropping `async` would change that.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // supertest, JSON.parse and jest mocks hand tests `any` bodies by design; the expectations check their shape
    // at run time, so the no-unsafe-* rules would only demand casts that prove nothing.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // expect(repository.method).toHaveBeenCalled… reads a jest mock, never calls the method unbound.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The data seam: SQL and TypeORM live in repositories (with the SQL fragments one of them composes, <name>.sql.ts,
    // the entities, the migrations and src/database); services call repository methods, controllers call services.
    files: ['src/**/*.ts'],
    ignores: [
      'src/database/**',
      'src/**/entities/*.entity.ts',
      'src/**/*.repository.ts',
      'src/**/*.sql.ts',
      'src/**/*.spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typeorm', 'typeorm/*', '@nestjs/typeorm'],
              message:
                'Only repositories, entities, migrations and src/database talk to TypeORM: call a repository.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE)\\s/]',
          message: 'SQL belongs in a repository (src/**/<name>.repository.ts).',
        },
        {
          selector: 'TemplateElement[value.raw=/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE)\\s/]',
          message: 'SQL belongs in a repository (src/**/<name>.repository.ts).',
        },
      ],
    },
  },
  {
    // Controllers stay thin: repositories and entities belong to services, which answer with response DTOs.
    files: ['**/*.controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typeorm', 'typeorm/*', '@nestjs/typeorm'],
              message: 'Controllers do not touch the database: call a service.',
            },
            {
              group: ['**/entities/*', '**/*.entity'],
              message: 'Entities never reach a controller: services answer with response DTOs.',
            },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point one way: auth → users ← content; every feature may use common/, common/ uses no feature.
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/common',
              from: ['./src/auth', './src/users', './src/content'],
              message: 'common/ may not import a feature module.',
            },
            {
              target: './src/policy',
              from: ['./src/auth', './src/users', './src/content'],
              message: 'policy/ decides for every feature and imports none.',
            },
            {
              target: './src/users',
              from: ['./src/auth', './src/content'],
              message: 'users/ depends on no feature.',
            },
            {
              target: './src/content',
              from: ['./src/auth'],
              message: 'content/ may use users/, never auth/.',
            },
            {
              target: './src/auth',
              from: ['./src/content'],
              message: 'auth/ may use users/, never content/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
