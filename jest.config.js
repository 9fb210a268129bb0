/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Type checking runs once in `npm test` (tsc --noEmit); isolatedModules in tsconfig makes ts-jest transpile only.
  transform: { "^.+\\.ts$": "ts-jest" },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
