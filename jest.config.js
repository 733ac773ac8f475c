// Two tiers: unit specs beside the code (mocks at the repository boundary at most)
// and e2e specs under test/ that drive the real AppModule over HTTP against a migrated database.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  // The @nestjs 12 packages (and otplib's with its @scure and @noble dependencies) ship ESM only; swc turns them into CommonJS
  // for Jest, whose runtime cannot require() ESM before Node 24.9 (Node itself can, so the server needs nothing).
  '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' } }],
};
const transformIgnorePatterns = [
  '/node_modules/(?!(@nestjs|otplib|@otplib|@scure|@noble|content-disposition|cookie)/)',
];
const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
};

module.exports = {
  // Applies to every project (a per-project testTimeout is not honoured for hooks): e2e setups start servers.
  testTimeout: 60000,
  // Names the run's databases and Redis keys, and removes any a spec left behind.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', rootDir: 'src', testRegex: '.*\\.spec\\.ts$' },
    { ...common, displayName: 'e2e', rootDir: 'test', testRegex: '.*\\.e2e-spec\\.ts$' },
  ],
};
