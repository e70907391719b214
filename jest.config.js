// Three projects so that `npm test` can run fast pure tests first and the slow ones against
// real servers after the infrastructure is up (see infra/test-all.sh).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@kvalitet/(domain|contracts|persistence|messaging|runtime|notifications|reporting)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^@kvalitet/workflows$': '<rootDir>/workflows/src/index.ts',
};
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.infra/', '<rootDir>/dist/'],
};
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{apps,libs,workflows,infra}/**/src/**/*.spec.ts',
        '<rootDir>/infra/**/*.spec.ts',
      ],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{apps,libs,workflows}/**/test/**/*.int-spec.ts',
        '<rootDir>/test/integration/**/*.int-spec.ts',
        '<rootDir>/test/workflows/**/*.int-spec.ts',
      ],
      setupFilesAfterEnv: ['<rootDir>/test/support/long-timeout.setup.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: [
        '<rootDir>/{apps,libs,workflows}/**/test/**/*.e2e-spec.ts',
        '<rootDir>/test/e2e/**/*.e2e-spec.ts',
      ],
      setupFilesAfterEnv: ['<rootDir>/test/support/long-timeout.setup.ts'],
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/long-timeout.setup.ts'],
    },
  ],
};
