import tseslint from 'typescript-eslint';

/**
 * Which layer may use which Forge platform package (docs/architecture.md): Jira and ServiceNow are
 * called through src/jira and src/servicenow alone (`@forge/api`: `route`, `requestJira`, `fetch`, ...),
 * Forge storage is used in src/storage alone, and the domain uses none.
 */
const FORGE_API = {
  name: '@forge/api',
  message: 'Only src/jira and src/servicenow use @forge/api: give the call a name there and use that.',
};
const FORGE_KVS = {
  name: '@forge/kvs',
  message: 'Only src/storage uses Forge storage: add a reader or writer there.',
};
const forgeImportsOutside = (...paths) => ({ 'no-restricted-imports': ['error', { paths }] });

export default tseslint.config(
  { ignores: ['node_modules/**', '.build/**', 'static/*/dist/**', 'test-artifacts/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/jira/**', 'src/servicenow/**', 'src/storage/**', 'src/domain/**'],
    rules: forgeImportsOutside(FORGE_API, FORGE_KVS),
  },
  { files: ['src/jira/**/*.ts', 'src/servicenow/**/*.ts'], rules: forgeImportsOutside(FORGE_KVS) },
  { files: ['src/storage/**/*.ts'], rules: forgeImportsOutside(FORGE_API) },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@forge/*'], message: 'The domain is pure: no @forge import.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass "now" in; never read the clock.',
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass "now" in; never read the clock.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
