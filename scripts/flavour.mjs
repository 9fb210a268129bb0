// The CDK Terrain flavour, generated from this (cdktf) source: the same files with the framework's
// module specifiers renamed and package.json switched to cdktn, as flavours/<name>/flavour.json
// says. Nothing else changes, so both flavours must synthesize the same Terraform JSON
// (scripts/synth-diff.mjs checks it); logical ids, `@cdktf/...` annotation types, `cdktf.json` and
// `cdktf.out/` stay as they are, as in cdktn's own migration guide.
//
//   node scripts/flavour.mjs cdktn --out <dir>   write the flavour to <dir> (with its own lockfile)
//   node scripts/flavour.mjs cdktn --lock        refresh flavours/cdktn/package-lock.json (needs npm's registry)
//   node scripts/flavour.mjs cdktn --check       fail if that lockfile no longer matches package.json
import { execFileSync } from "child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { fileURLToPath } from "url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const main = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const [name, mode, target] = main ? process.argv.slice(2) : ["cdktn"];
const flavourDir = path.join(root, "flavours", name ?? "");
if (main &&
  (!name || !existsSync(path.join(flavourDir, "flavour.json")) || !["--out", "--lock", "--check"].includes(mode) || (mode === "--out" && !target))) {
  console.error("usage: node scripts/flavour.mjs <flavour> --out <dir> | --lock | --check   (flavours: the folders of flavours/)");
  process.exit(2);
}
const flavour = JSON.parse(readFileSync(path.join(flavourDir, "flavour.json"), "utf8"));
const lockFile = path.join(flavourDir, "package-lock.json");

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
// Only module specifiers: after `from`, `import`, require(...) and the like, so a tag value or a
// sentence that says "cdktf" is left alone.
const SPECIFIER = new RegExp(
  String.raw`(\bfrom\s*|\bimport\s*|\bimport\(\s*|\brequire(?:\.resolve)?\(\s*|` +
    String.raw`\bjest\.(?:mock|doMock|requireActual)(?:<[^>()]*>)?\(\s*|\bload\(\s*|\bname:\s*)` +
    String.raw`(["'\`])(${Object.keys(flavour.modules).map(escape).join("|")})(?=[/"'\`])`,
  "g",
);
const REWRITTEN = /\.(ts|mts|cts|js|mjs|cjs|md)$/;

export function renameSpecifiers(text) {
  let count = 0;
  const out = text.replace(SPECIFIER, (_m, lead, quote, module) => {
    count++;
    return `${lead}${quote}${flavour.modules[module]}`;
  });
  return { text: out, count };
}

/** package.json of the flavour: dependencies swapped (null removes), fields set, keywords added. */
export function flavourPackage(pkg) {
  const out = { ...pkg, name: flavour.name, description: flavour.description };
  for (const field of ["devDependencies", "peerDependencies"]) {
    const deps = { ...pkg[field] };
    for (const [dep, version] of Object.entries(flavour[field] ?? {})) {
      if (version === null) delete deps[dep];
      else deps[dep] = version;
    }
    out[field] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  }
  out.scripts = { ...pkg.scripts, ...flavour.scripts };
  out.engines = { ...pkg.engines, ...flavour.engines };
  out.overrides = { ...pkg.overrides, ...flavour.overrides };
  out.keywords = [...new Set([...(pkg.keywords ?? []), ...(flavour.keywords ?? [])])];
  return out;
}

/** What `npm ci` compares: the lockfile's root entry against package.json. */
function lockMismatches(pkg, lock) {
  const rootEntry = lock.packages?.[""] ?? {};
  return ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"].filter(
    (field) => JSON.stringify(pkg[field] ?? {}) !== JSON.stringify(rootEntry[field] ?? {}),
  );
}

/** The files of this checkout: tracked and untracked, without what .gitignore leaves out. */
function sourceFiles() {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  return [...new Set(listed.split("\0").filter(Boolean))].filter((f) => existsSync(path.join(root, f)));
}

function writeFlavour(dir, { withLock }) {
  const pkg = flavourPackage(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")));
  let renamed = 0;
  for (const file of sourceFiles()) {
    const to = path.join(dir, file);
    mkdirSync(path.dirname(to), { recursive: true });
    if (file === "package.json") {
      writeFileSync(to, `${JSON.stringify(pkg, null, 2)}\n`);
    } else if (file === "tsconfig.json") {
      // Its `paths` maps the package's own name (the docs' examples import it).
      let text = readFileSync(path.join(root, file), "utf8");
      for (const [from, to] of Object.entries(flavour.modules)) text = text.replace(new RegExp(`"${from}(?=[":/])`, "g"), `"${to}`);
      writeFileSync(to, text);
    } else if (REWRITTEN.test(file)) {
      const { text, count } = renameSpecifiers(readFileSync(path.join(root, file), "utf8"));
      renamed += count;
      writeFileSync(to, file === "README.md" && flavour.readme ? `> ${flavour.readme}\n\n${text}` : text);
    } else {
      cpSync(path.join(root, file), to);
    }
  }
  if (renamed === 0) throw new Error("no module specifier was renamed: is this the cdktf source?");
  if (withLock) cpSync(lockFile, path.join(dir, "package-lock.json"));
  return { pkg, renamed };
}

if (!main) {
  // Imported (by the tests): the functions only.
} else if (mode === "--out") {
  const dir = path.resolve(target);
  const lock = JSON.parse(readFileSync(lockFile, "utf8"));
  const { pkg, renamed } = writeFlavour(dir, { withLock: true });
  const stale = lockMismatches(pkg, lock);
  if (stale.length > 0) throw new Error(`${path.relative(root, lockFile)} is stale (${stale.join(", ")}): run npm run flavour:lock`);
  console.log(`${name} flavour in ${dir}: ${renamed} module specifiers renamed`);
} else if (mode === "--check") {
  const pkg = flavourPackage(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")));
  const stale = lockMismatches(pkg, JSON.parse(readFileSync(lockFile, "utf8")));
  if (stale.length > 0) {
    console.error(`${path.relative(root, lockFile)} is stale (${stale.join(", ")}): run npm run flavour:lock`);
    process.exit(1);
  }
  console.log(`${path.relative(root, lockFile)} matches package.json`);
} else {
  // Start from the main lockfile, so every package both flavours share keeps its locked version.
  const dir = mkdtempSync(path.join(os.tmpdir(), `flavour-${name}-`));
  try {
    writeFlavour(dir, { withLock: false });
    cpSync(path.join(root, "package-lock.json"), path.join(dir, "package-lock.json"));
    execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
    cpSync(path.join(dir, "package-lock.json"), lockFile);
    console.log(`refreshed ${path.relative(root, lockFile)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
