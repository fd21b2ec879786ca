// Lint is the fence between layers (architecture.md #10).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const noElectron = {
  name: 'electron',
  message:
    'electron is imported only in src/main/shell and src/preload (architecture.md: the binary may be missing).',
};
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'url',
  'worker_threads',
  'stream',
];

/** The renderer's import fences; `extra` adds patterns (the API fence for everything but the data layer). */
function rendererImports(extra) {
  return [
    'error',
    {
      paths: [
        noElectron,
        { name: 'better-sqlite3', message: 'the renderer talks only through the typed API.' },
      ],
      patterns: [
        { group: ['**/main/**', '../../main/*'], message: 'the renderer may not import src/main.' },
        { group: nodeBuiltins, message: 'the renderer runs in a sandbox: no node built-ins.' },
        ...extra,
      ],
    },
  ];
}

/** Screens load and change data through src/renderer/src/data (useApiQuery, useApiMutation), never the API itself. */
const rendererApiFence = [
  {
    group: ['**/api/client', '**/api/web-client', '**/api/sse', '**/api/call-body'],
    message:
      'only src/renderer/src/data and features/*/use-*.ts call the API: use useApiQuery / useApiMutation.',
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'better-sqlite3', message: 'src/shared is pure: no database.' }],
          patterns: [{ group: nodeBuiltins, message: 'src/shared is pure: no node built-ins.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': rendererImports(rendererApiFence),
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'scoredesk',
          message: 'reach the back end through src/renderer/src/data.',
        },
      ],
    },
  },
  {
    // the data layer and the features' use-*.ts hooks are the only callers of the API (issue 11)
    files: [
      'src/renderer/src/data/**/*.{ts,tsx}',
      'src/renderer/src/api/**/*.{ts,tsx}',
      'src/renderer/src/features/*/use-*.ts',
    ],
    rules: {
      'no-restricted-imports': rendererImports([]),
      'no-restricted-properties': 'off',
    },
  },
  {
    files: ['src/main/shell/**/*.ts', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // vitest's asymmetric matchers (expect.objectContaining …) are typed `any`
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  prettier,
);
