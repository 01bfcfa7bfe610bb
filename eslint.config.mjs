// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The direction of dependencies between the libs (HOUSE-STYLE.md), enforced here so it cannot rot:
 * domain imports nothing of Nest, TypeORM, HTTP or the other libs; connectors never import the
 * engine (only its ports) or persistence; the engine never imports a connector.
 */
const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'axios',
  'fastify',
  '@fastify/*',
  'rxjs',
  'class-validator',
  'class-transformer',
  'http',
  'https',
  'node:http',
  'node:https',
];
const lib = (name) => [`@serai/${name}`, `@serai/${name}/*`, `**/libs/${name}/**`, `**/${name}/src/**`];
const restrict = (patterns, message, names = []) => ({
  'no-restricted-imports': ['error', { paths: names.map((name) => ({ name, message })), patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '**/fixtures/**', '*.config.js', 'scripts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: restrict(
      [...FRAMEWORKS, ...lib('common'), ...lib('persistence'), ...lib('connectors'), ...lib('engine'), ...lib('reports'), '**/apps/**'],
      'libs/domain is plain TypeScript: no framework, no I/O, no other lib (HOUSE-STYLE.md).',
    ),
  },
  {
    files: ['libs/connectors/**/*.ts'],
    rules: restrict(
      // The engine's own name is listed apart: a directory pattern could not be re-opened for its ports.
      [
        ...lib('persistence'),
        '@serai/engine/*',
        '**/engine/src/**',
        '!@serai/engine/ports',
        '!**/engine/src/ports/**',
        ...lib('reports'),
        '**/apps/**',
      ],
      'connectors may import the domain and the engine ports only, never the engine or persistence.',
      ['@serai/engine'],
    ),
  },
  {
    // Contract tests run the sandbox in-process through its test harness; production code never imports apps.
    files: ['libs/connectors/**/*.contract.spec.ts'],
    rules: restrict(
      [...lib('persistence'), '@serai/engine/*', '**/engine/src/**', '!@serai/engine/ports', '!**/engine/src/ports/**', ...lib('reports')],
      'connectors may import the domain and the engine ports only, never the engine or persistence.',
      ['@serai/engine'],
    ),
  },
  {
    files: ['libs/engine/**/*.ts'],
    rules: restrict([...lib('connectors'), ...lib('reports'), '**/apps/**'], 'the engine depends on ports, never on a connector.'),
  },
  {
    // Reports read systems through the engine's ports and the store through persistence; never a connector, the engine itself or an app.
    files: ['libs/reports/**/*.ts'],
    rules: restrict(
      [...lib('connectors'), '@serai/engine/*', '**/engine/src/**', '!@serai/engine/ports', '!**/engine/src/ports/**', '**/apps/**'],
      'libs/reports may import domain, common, persistence and the engine ports only.',
      ['@serai/engine'],
    ),
  },
  {
    files: ['libs/persistence/**/*.ts', 'libs/common/**/*.ts'],
    rules: restrict(
      [...lib('connectors'), ...lib('engine'), ...lib('reports'), '**/apps/**'],
      'persistence and common sit below the engine and connectors.',
    ),
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Configuration is injected, never read from process.env (HOUSE-STYLE.md).',
        },
      ],
    },
  },
  {
    // The back office's UI: plain ES modules run by the browser as they are.
    files: ['apps/hub/src/admin/ui/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'setTimeout',
          'clearTimeout',
          'document',
          'location',
          'navigator',
          'localStorage',
          'fetch',
          'URLSearchParams',
          'Node',
          'HTMLElement',
          'HTMLInputElement',
          'HTMLSelectElement',
          'HTMLButtonElement',
          'Event',
          'EventListener',
          'Element',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
