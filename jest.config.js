/** @type {import('jest').Config} */
module.exports = {
  // node, with each test's console output (and the sandbox's log) shown only when the test fails.
  testEnvironment: '<rootDir>/test/support/quiet-environment.ts',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/sandbox', '<rootDir>/static'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/static/app/dist/'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 30000,
};
