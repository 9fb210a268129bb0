// `npm run build`: the package in dist/. tsc compiles the library; the workloads (function code,
// workflow definitions, APIM policies and OpenAPI files, Data Factory JSON) are copied as they
// are, because the patterns read them at synth (`path.resolve(__dirname, "../../workloads")`)
// and function apps are bundled from their TypeScript sources. `--out-dir <dir>` builds elsewhere
// (the package test does). `--incremental` keeps what an earlier build there wrote and compiles only
// what changed (tsc's build info sits in that folder, so removing the folder starts afresh); the
// package test uses it, `npm run build` does not (a removed source would leave its old output).
import { execFileSync } from "child_process";
import { cpSync, rmSync } from "fs";
import { createRequire } from "module";
import * as path from "path";
import { fileURLToPath } from "url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDirFlag = process.argv.indexOf("--out-dir");
const dist = outDirFlag > 0 ? path.resolve(process.argv[outDirFlag + 1]) : path.join(root, "dist");
const incremental = process.argv.includes("--incremental");
if (!incremental) rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const tscIncremental = incremental ? ["--incremental", "--tsBuildInfoFile", path.join(dist, ".tsbuildinfo")] : [];
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", dist, ...tscIncremental], { stdio: "inherit" });
cpSync(path.join(root, "workloads"), path.join(dist, "workloads"), { recursive: true });
