// Stands in for the framework's (and constructs') `private/stack-trace` module. cdktf and cdktn
// capture and format a full stack trace for every token they create, only to show it if that
// token later fails to resolve: a tenth of the synth time, and far more under Jest's source-mapped
// traces. The app bundle (scripts/synth.mjs) and the tests (jest.config.js) use this instead, so
// it must export every function of each framework's module: cdktf 0.21 and constructs have
// captureStackTrace, cdktn 0.24 also captureCreationStack (__tests__/scripts/no-stack-traces.test.ts).
exports.captureStackTrace = () => [];
exports.captureCreationStack = () => [];
