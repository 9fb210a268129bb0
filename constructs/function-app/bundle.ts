import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildSync, BuildFailure, Message } from "esbuild";
import { IConstruct } from "constructs";
import { invalid } from "../core/errors";
import { atomicWriteFile } from "../core/fs";
import { strToU8, zipSync } from "fflate";

/** Where a function app's TypeScript (or JavaScript) handlers live. */
export interface FunctionAppCode {
  /** Absolute path of the app folder, e.g. `path.resolve(__dirname, "../workloads/functions/orders")`. */
  readonly path: string;
  /**
   * Entry file relative to `path`; it must import every file that registers functions.
   * @default `index.ts` when the folder has one, else `src/index.ts` (if any) and every `src/functions/*.ts`
   */
  readonly entry?: string;
}

/** A bundled app, staged in a folder named after its content hash. */
export interface FunctionAppBuild {
  /** Folder holding `host.json`, `package.json` and `index.js`. */
  readonly directory: string;
  /** The same three files as a zip next to the folder: the code asset. Deterministic, built once per hash. */
  readonly packageFile: string;
  /** SHA-256 of the staged files: the same sources always give the same hash. */
  readonly hash: string;
  /** The bundle (`index.js`), as the Functions Node.js worker will load it. */
  readonly bundle: string;
  /** The `host.json` that ships with the app. */
  readonly hostJson: Readonly<Record<string, unknown>>;
  /** Entry files, relative to the app folder. */
  readonly entries: readonly string[];
}

/** The worker provides this module at run time; the library's bundled copy `require`s it. */
export const FUNCTIONS_CORE_MODULE = "@azure/functions-core";

/** The `host.json` an app gets when its folder has none. */
export const DEFAULT_FUNCTION_HOST_JSON: Readonly<Record<string, unknown>> = {
  version: "2.0",
  logging: {
    logLevel: { default: "Information" },
    applicationInsights: {
      // Sampling keeps telemetry costs bounded; requests and exceptions are always kept.
      samplingSettings: { isEnabled: true, excludedTypes: "Request;Exception" },
    },
  },
  extensionBundle: { id: "Microsoft.Azure.Functions.ExtensionBundle", version: "[4.*, 5.0.0)" },
};

/** Default folder for staged bundles: outside the repository, shared by runs with the same sources. */
export function defaultBuildDirectory(): string {
  return path.join(os.tmpdir(), "azure-integration-cdktf", "function-apps");
}

const HANDLER_FILE = /^(?!.*\.(test|spec|d)\.[cm]?[jt]s$).*\.[cm]?[jt]s$/;

/**
 * Bundles the app with esbuild (`@azure/functions` and every other dependency inside, only the
 * worker-provided `@azure/functions-core` outside) and stages it with `host.json` and a
 * `package.json` whose `main` is the bundle.
 */
export function buildApp(scope: IConstruct, code: FunctionAppCode, buildDirectory: string): FunctionAppBuild {
  const root = checkFolder(scope, code.path);
  const entries = resolveEntries(scope, root, code.entry);
  const hostJson = readHostJson(scope, root);
  const bundle = bundleEntries(scope, root, entries, buildDirectory);
  const files: Record<string, string> = {
    "host.json": `${JSON.stringify(hostJson, null, 2)}\n`,
    "index.js": bundle,
    "package.json": `${JSON.stringify({ name: packageName(root), version: "1.0.0", private: true, main: "index.js" }, null, 2)}\n`,
  };
  const hash = hashFiles(files);
  const directory = path.join(buildDirectory, hash.slice(0, 32));
  stage(directory, files);
  const packageFile = `${directory}.zip`;
  writeOnce(
    packageFile,
    () => zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime: ZIP_EPOCH }]]))),
  );
  return { directory, hash, packageFile, bundle, hostJson, entries };
}

function checkFolder(scope: IConstruct, folder: string): string {
  if (!path.isAbsolute(folder)) {
    invalid(scope, {
      field: "code.path",
      value: folder,
      rule: "is not an absolute path",
      fix: "pass path.resolve(__dirname, <folder>) so the app builds the same from any working directory",
    });
  }
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    invalid(scope, {
      field: "code.path",
      value: folder,
      rule: "is not a folder",
      fix: "point code.path at the folder that holds the app's handlers",
    });
  }
  return folder;
}

function resolveEntries(scope: IConstruct, root: string, entry: string | undefined): string[] {
  if (entry !== undefined) {
    const file = path.resolve(root, entry);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      invalid(scope, {
        field: "code.entry",
        value: entry,
        rule: `is not a file in ${root}`,
        fix: "give the entry file's path relative to code.path",
      });
    }
    return [path.relative(root, file)];
  }
  if (fs.existsSync(path.join(root, "index.ts"))) return ["index.ts"];
  const functionsDir = path.join(root, "src", "functions");
  const handlers = fs.existsSync(functionsDir)
    ? fs.readdirSync(functionsDir).filter((f) => HANDLER_FILE.test(f) && fs.statSync(path.join(functionsDir, f)).isFile()).sort()
    : [];
  if (handlers.length === 0) {
    invalid(scope, {
      field: "code.path",
      value: root,
      rule: "has no index.ts and no src/functions/*.ts",
      fix: "add an index.ts that registers the functions, put one file per function in src/functions/, or set code.entry",
    });
  }
  const setup = fs.existsSync(path.join(root, "src", "index.ts")) ? ["src/index.ts"] : [];
  return [...setup, ...handlers.map((f) => `src/functions/${f}`)];
}

function readHostJson(scope: IConstruct, root: string): Readonly<Record<string, unknown>> {
  const file = path.join(root, "host.json");
  if (!fs.existsSync(file)) return DEFAULT_FUNCTION_HOST_JSON;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    invalid(scope, {
      field: "host.json",
      value: file,
      rule: `is not valid JSON (${(e as Error).message})`,
      fix: "fix the file, or delete it to get the default host.json",
    });
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (version !== "2.0") {
    invalid(scope, {
      field: "host.json version",
      value: version ?? null,
      rule: "is not \"2.0\", the only version the Functions v4 runtime reads",
      fix: 'set "version": "2.0" in host.json',
    });
  }
  return parsed as Record<string, unknown>;
}

/** A bundle and the size and mtime of every input it was built from. */
interface CachedBundle {
  readonly bundle: string;
  readonly inputs: [string, string][];
}

/** Bundles already built in this process. */
const BUNDLES = new Map<string, CachedBundle>();

/** The bundle built earlier (in this process, or in an earlier synth) while none of its inputs changed. */
function cachedBundle(key: string, file: string): CachedBundle | undefined {
  let known = BUNDLES.get(key);
  if (!known && fs.existsSync(file)) {
    try {
      known = JSON.parse(fs.readFileSync(file, "utf8")) as CachedBundle;
    } catch {
      return undefined;
    }
  }
  return known && known.inputs.every(([input, sig]) => signature(input) === sig) ? known : undefined;
}

function signature(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "missing";
  }
}

function bundleEntries(scope: IConstruct, root: string, entries: readonly string[], buildDirectory: string): string {
  // Every synth builds each app (often several times: environments, tests): reuse the bundle,
  // kept in memory and under the build directory, while none of its inputs changed.
  const key = `${root}\0${entries.join("\0")}`;
  const cacheFile = path.join(buildDirectory, "bundles", `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);
  const known = cachedBundle(key, cacheFile);
  if (known) {
    BUNDLES.set(key, known);
    return known.bundle;
  }
  const contents = entries.map((e) => `import ${JSON.stringify(`./${e.split(path.sep).join("/")}`)};`).join("\n");
  try {
    const result = buildSync({
      stdin: { contents, resolveDir: root, sourcefile: "function-app-entry.ts", loader: "ts" },
      absWorkingDir: root,
      bundle: true,
      platform: "node",
      // The worker runs NODE_VERSION (site.ts).
      target: "node22",
      format: "cjs",
      external: [FUNCTIONS_CORE_MODULE],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const bundle = result.outputFiles[0].text;
    const inputs = Object.keys(result.metafile.inputs).map(
      (file): [string, string] => [path.resolve(root, file), signature(path.resolve(root, file))],
    );
    BUNDLES.set(key, { bundle, inputs });
    writeOnce(cacheFile, () => strToU8(JSON.stringify({ bundle, inputs })), true);
    return bundle;
  } catch (e) {
    const errors: Message[] = (e as BuildFailure).errors ?? [];
    const first = errors[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : "";
    const detail = first ? `${where}${first.text}` : (e as Error).message;
    invalid(scope, {
      field: "code",
      value: root,
      rule: `does not bundle (${detail})`,
      fix: "fix that error; check that the app's dependencies are installed and that code.entry is right",
    });
  }
}

function packageName(root: string): string {
  return path.basename(root).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "function-app";
}

function hashFiles(files: Record<string, string>): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(files).sort()) hash.update(name).update("\0").update(files[name]).update("\0");
  return hash.digest("hex");
}

// Fixed entry times make the zip a function of its contents alone (the earliest date zip can hold).
const ZIP_EPOCH = "1980-01-01T00:00:00Z";

/**
 * Zips in process and only when the hash is new: cdktf's own ARCHIVE assets spawn a Node process
 * per asset on every synth, which cost more than the rest of the synth together.
 */
function writeOnce(file: string, content: () => Uint8Array, replace = false): void {
  if (fs.existsSync(file) && !replace) return;
  atomicWriteFile(file, content());
}

/** Writes the files once per hash; a rename makes a half-written folder impossible to reuse. */
function stage(directory: string, files: Record<string, string>): void {
  if (fs.existsSync(directory)) return;
  fs.mkdirSync(path.dirname(directory), { recursive: true });
  const staging = fs.mkdtempSync(`${directory}.staging-`);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(staging, name), content);
  try {
    fs.renameSync(staging, directory);
  } catch (e) {
    // Another synth staged the same hash first: its folder has the same files.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(directory)) throw e;
  }
}
