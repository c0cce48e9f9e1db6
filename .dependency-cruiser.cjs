/**
 * The layers of docs/architecture.md, checked by test/architecture.test.ts (`npm test`) with
 * dependency-cruiser. Type-only imports count: a cycle through types is still a cycle to a reader.
 */
const path = require('node:path');

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module depends on itself through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing of the app outside src/domain (no I/O, no clock).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'storage-on-domain',
      comment: 'src/storage depends on src/domain alone.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/', pathNot: '^src/(storage|domain)/' },
    },
    {
      name: 'clients-on-domain',
      comment: 'The Jira and ServiceNow clients depend on src/domain alone (and on their own folder).',
      severity: 'error',
      from: { path: '^src/(jira|servicenow)/' },
      to: { path: '^src/', pathNot: ['^src/$1/', '^src/domain/'] },
    },
    {
      name: 'services-through-their-index',
      comment:
        "A use-case folder is used through its index.ts; a folder's own files use each other directly.",
      severity: 'error',
      from: { path: '^src/services/([^/]+)/' },
      to: { path: '^src/services/[^/]+/(?!index\\.ts$)', pathNot: '^src/services/$1/' },
    },
    {
      name: 'services-through-their-index-from-outside',
      comment: 'Handlers use a use-case folder through its index.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/services/' },
      to: { path: '^src/services/[^/]+/(?!index\\.ts$)' },
    },
    {
      name: 'handlers-are-entry-points',
      comment: 'Only src/index.ts (the manifest) uses the handlers.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/index\\.ts$', '^src/handlers/'] },
      to: { path: '^src/handlers/' },
    },
    {
      name: 'custom-ui-shares-domain-and-contract',
      comment: 'The Custom UI bundle takes from the app only the pure domain and the resolver contract.',
      severity: 'error',
      from: { path: '^static/app/src/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/ui-contract\\.ts$'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/'] },
  },
};
