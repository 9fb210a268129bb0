// `npm run bench`: wall time and peak memory of `npm run synth` (all default stacks) next to the
// same app synthesized through `npx cdktf synth`, on this machine. A benchmark, not a test.
// Floors (issue #2): synth < 1.5 s and < 300 MB peak, >= 6x faster than the cdktf CLI path,
// npm test < 60 s. Usage: npm run bench [-- runs]
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { fileURLToPath } from "url";

const RUNS = Number(process.argv[2] ?? 5);
const TIME = "/usr/bin/time";
if (!existsSync(TIME)) {
  console.error(`${TIME} (GNU time) is needed to read peak memory: apt-get install -y time`);
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function measure(command, args, env = {}, cwd = root) {
  const report = path.join(mkdtempSync(path.join(tmpdir(), "bench-")), "time.txt");
  const started = process.hrtime.bigint();
  const run = spawnSync(TIME, ["-f", "%M", "-o", report, command, ...args], {
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
    cwd,
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  // GNU time's %M is the largest resident set of the process tree's biggest process, in KiB.
  const peakMb = Number(readFileSync(report, "utf8").trim().split("\n").pop()) / 1024;
  return { seconds, peakMb };
}

function series(label, command, args, env, count = RUNS, cwd = root) {
  measure(command, args, env, cwd); // warm-up: file cache, esbuild binary
  const runs = Array.from({ length: count }, () => measure(command, args, env, cwd));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = { label, seconds: median(runs.map((r) => r.seconds)), peakMb: Math.max(...runs.map((r) => r.peakMb)) };
  console.log(`${label.padEnd(22)} median ${result.seconds.toFixed(2)} s   peak ${result.peakMb.toFixed(0)} MB   (${count} runs)`);
  return result;
}

const fast = series("npm run synth", "npm", ["run", "--silent", "synth"]);
// The CLI path takes seconds a run: three runs are enough for a median.
const cli = series("npx cdktf synth", "npx", ["cdktf", "synth"], { CI: "1" }, Math.min(RUNS, 3));
// What the CLI path costs by itself: the same CLI around an app with one empty stack.
const empty = mkdtempSync(path.join(tmpdir(), "bench-empty-"));
writeFileSync(
  path.join(empty, "cdktf.json"),
  JSON.stringify({ language: "typescript", app: "node app.js", sendCrashReports: "false", terraformProviders: [], terraformModules: [] }),
);
writeFileSync(
  path.join(empty, "app.js"),
  `const { App, TerraformStack } = require(${JSON.stringify(path.join(root, "node_modules", "cdktf"))});\n` +
    `const app = new App();\nnew TerraformStack(app, "empty");\napp.synth();\n`,
);
const cliEmpty = series("cdktf CLI, empty app", path.join(root, "node_modules", ".bin", "cdktf"), ["synth"], { CI: "1" }, Math.min(RUNS, 3), empty);
const emptyApp = series("the empty app alone", "node", ["app.js"], {}, RUNS, empty);
const test = measure("npm", ["test", "--silent"]);
console.log(`${"npm test".padEnd(22)} ${test.seconds.toFixed(1)} s   peak ${test.peakMb.toFixed(0)} MB   (1 run)`);

const speedup = cli.seconds / fast.seconds;
const cliOwnCost = cliEmpty.seconds - emptyApp.seconds;
console.log(`\nspeed-up over the cdktf CLI: ${speedup.toFixed(1)}x`);
// The CLI runs this same app (cdktf.json), so its time is its own cost plus the synth's.
console.log(`the CLI's own cost: ${cliOwnCost.toFixed(2)} s a run; 6x needs synth <= ${(cliOwnCost / 5).toFixed(2)} s`);
const floors = [
  ["synth wall time < 1.5 s", fast.seconds < 1.5],
  ["synth peak memory < 300 MB", fast.peakMb < 300],
  [">= 6x faster than npx cdktf synth", speedup >= 6],
  ["npm test < 60 s", test.seconds < 60],
];
for (const [name, ok] of floors) console.log(`${ok ? "ok  " : "FAIL"} ${name}`);
process.exitCode = floors.every(([, ok]) => ok) ? 0 : 1;
