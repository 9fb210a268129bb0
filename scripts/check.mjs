// The static half of `npm test`: the type check and the linter, side by side (one core each),
// each with its cache under node_modules/.cache. Output is shown per tool, after it finished.
import { spawn } from "child_process";

const TOOLS = [
  ["tsc", ["--noEmit", "--incremental", "--tsBuildInfoFile", "node_modules/.cache/tsbuildinfo"]],
  ["eslint", [".", "--cache", "--cache-location", "node_modules/.cache/eslint/"]],
];

const run = ([tool, args]) =>
  new Promise((resolve) => {
    const child = spawn("npx", ["--no-install", tool, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ tool, code, output }));
  });

const results = await Promise.all(TOOLS.map(run));
for (const { tool, code, output } of results) {
  console.log(`${tool}: ${code === 0 ? "ok" : `failed (exit ${code})`}`);
  if (output.trim()) console.log(output.trimEnd());
}
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
