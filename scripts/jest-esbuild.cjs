// Jest transform: TypeScript to CommonJS with esbuild (already a dependency). Type checking is
// `tsc --noEmit`'s job in `npm test`; here only speed matters.
const { transformSync } = require("esbuild");
const { createHash } = require("crypto");

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { loader: "ts", format: "cjs", target: "node20", sourcemap: true, sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash("sha256").update(source).update(filename).update("esbuild-1").digest("hex");
  },
};
