// Stands in for cdktf's (and constructs') `private/stack-trace` module. cdktf captures and
// formats a full stack trace for every token it creates, only to show it if that token later
// fails to resolve: a tenth of the synth time, and far more under Jest's source-mapped traces.
// The app bundle (scripts/synth.mjs) and the tests (jest.config.js) use this instead.
exports.captureStackTrace = () => [];
