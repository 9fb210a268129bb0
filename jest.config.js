// The package's own name (azure-integration-cdktf, or the cdktn flavour's).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name } = require("./package.json");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Type checking runs once in `npm test` (tsc --noEmit); tests only need TypeScript stripped, fast.
  transform: { "^.+\\.ts$": "<rootDir>/scripts/jest-esbuild.cjs" },
  // Jest's default leaves one of two cores idle; suites are independent and CPU-bound.
  maxWorkers: 2,
  // Suites share V8's code cache for the modules they all load (see the script).
  runtime: "<rootDir>/scripts/jest-runtime.cjs",
  // Skip cdktf's per-token stack traces (see the stub); tests assert behaviour, not debug traces.
  // cdktf's Intrinsic token asks for "./stack-trace" from inside its private folder.
  // The package's own names resolve to its entry points, as in the docs' examples.
  moduleNameMapper: {
    "(/private|^\\.)/stack-trace$": "<rootDir>/scripts/no-stack-traces.cjs",
    [`^${name}$`]: "<rootDir>/index.ts",
    [`^${name}/(authoring|app|testing)$`]: "<rootDir>/$1.ts",
  },
  // Test apps write to a temp dir of the run's own, removed afterwards (see the script).
  globalSetup: "<rootDir>/scripts/jest-tmpdir.cjs",
  globalTeardown: "<rootDir>/scripts/jest-tmpdir-teardown.cjs",
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
