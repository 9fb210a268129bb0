// `npm run synth` (and the cdktf CLI, through cdktf.json): runs the app from one esbuild bundle.
// A single file with cdktf and the provider bindings inside loads in about half the time of
// Node resolving hundreds of modules; the bundle is rebuilt only when an input changed, and V8's
// code cache for it spares compiling 2.5 MB of JavaScript on every run.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "fs";
import Module, { createRequire } from "module";
import { fileURLToPath } from "url";
import * as path from "path";
import * as vm from "vm";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, ".build", "main.js");
const inputsFile = path.join(root, ".build", "main.inputs.json");
const codeCache = path.join(root, ".build", "main.js.cache");

// Size and mtime of a file; npm unpacks packages with fixed mtimes, so the lockfile is an input too.
function signature(file) {
  try {
    const s = statSync(path.resolve(root, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}

function upToDate() {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    return signature(outfile) === inputs[".build/main.js"] && Object.entries(inputs).every(([file, sig]) => signature(file) === sig);
  } catch {
    return false;
  }
}

// The framework's per-token stack traces cost a tenth of the synth: see scripts/no-stack-traces.cjs.
// cdktf or cdktn, whichever flavour this is; a build that swapped nothing fails (see build()).
let stackTracesSwapped = 0;
const withoutTokenStackTraces = {
  name: "without-token-stack-traces",
  setup(b) {
    b.onLoad({ filter: /[\\/]cdkt[fn][\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => {
      stackTracesSwapped++;
      return { contents: readFileSync(path.join(root, "scripts", "no-stack-traces.cjs"), "utf8"), loader: "js" };
    });
  },
};

// Constructs find their workloads with path.resolve(__dirname, ...), and cdktf runs its own
// lib/private/fs.js as a zip CLI by __filename. In one bundle every module would see .build/:
// each module that uses them gets its real file and folder back.
const keepDirname = {
  name: "keep-dirname",
  setup(b) {
    b.onLoad({ filter: /\.(ts|js|cjs)$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!/__dirname|__filename/.test(source)) return undefined;
      const prelude = `const __dirname = ${JSON.stringify(path.dirname(args.path))}; const __filename = ${JSON.stringify(args.path)};\n`;
      return { contents: prelude + source, loader: args.path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};

async function build() {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["main.ts"],
    outfile,
    write: false,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    metafile: true,
    logLevel: "warning",
    // Half the bytes to read and hash at every start; names stay (stack traces, the stub check).
    minifyWhitespace: true,
    legalComments: "none",
    plugins: [withoutTokenStackTraces, keepDirname],
    // esbuild finds its native binary next to its own package: it must stay a real module. `yaml`
    // (loaded only when an OpenAPI document is YAML) stays out too: 170 kB fewer to read at every start.
    external: ["esbuild", "yaml"],
  });
  if (stackTracesSwapped === 0) {
    throw new Error("scripts/synth.mjs: the framework's lib/tokens/private/stack-trace.js is not in the bundle: update withoutTokenStackTraces");
  }
  // Write then rename: two synths started at once never run a half-written bundle.
  mkdirSync(path.dirname(outfile), { recursive: true });
  rmSync(codeCache, { force: true });
  const tmp = `${outfile}.${process.pid}`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, outfile);
  const inputs = Object.fromEntries(
    [...Object.keys(result.metafile.inputs), "package-lock.json", "scripts/no-stack-traces.cjs", "scripts/synth.mjs"].map((f) => [f, signature(f)]),
  );
  inputs[".build/main.js"] = signature(outfile);
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}`, inputsFile);
}

/** Runs the bundle as a CommonJS module, compiled from (and then into) the code cache. */
function run() {
  const cachedData = existsSync(codeCache) ? readFileSync(codeCache) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(outfile, "utf8")), { filename: outfile, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // At exit the cache also holds the functions compiled lazily while the app ran.
    process.once("exit", () => {
      writeFileSync(`${codeCache}.${process.pid}`, script.createCachedData());
      renameSync(`${codeCache}.${process.pid}`, codeCache);
    });
  }
  const module = new Module(outfile);
  module.filename = outfile;
  script.runInThisContext()(module.exports, createRequire(outfile), module, outfile, path.dirname(outfile));
}

if (!upToDate()) await build();
run();
