// Compares two synth outputs (cdktf.out folders), e.g. of the cdktf and the CDK Terrain flavour:
// every stack's Terraform JSON value by value, and every other file (policy reports, function
// zips, manifest) byte for byte. Two values may differ by design and are listed, not failed:
// the framework version (`//.metadata.version`, the manifest's `version`) and the provider pin
// (`terraform.required_providers.<name>.version`). Any other difference fails (exit 1).
//
//   node scripts/synth-diff.mjs <cdktf.out of one> <cdktf.out of the other>
import { readdirSync, readFileSync, statSync } from "fs";
import * as path from "path";

const [left, right] = process.argv.slice(2);
if (!left || !right) {
  console.error("usage: node scripts/synth-diff.mjs <outdir> <outdir>");
  process.exit(2);
}

/** The paths allowed to differ, with what each is. */
const EXPECTED = [
  { test: (p) => p === "//.metadata.version", what: "framework version" },
  { test: (p) => /^terraform\.required_providers\.[^.]+\.version$/.test(p), what: "provider pin" },
];
const MANIFEST_EXPECTED = [{ test: (p) => p === "version", what: "framework version" }];

function files(dir, prefix = "") {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}

/** Leaf-by-leaf comparison; `expected` differences are collected, the rest reported. */
function compare(a, b, expected, at, out) {
  const isObject = (v) => v !== null && typeof v === "object";
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) compare(a[k], b[k], expected, at ? `${at}.${k}` : k, out);
    return;
  }
  out.leaves++;
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const allowed = expected.find((e) => e.test(at));
  (allowed ? out.expected : out.unexpected).push({ path: at, a, b, what: allowed?.what });
}

const leftFiles = files(left);
const rightFiles = files(right);
const unexpected = [];
const expected = [];
let leaves = 0;
let blockTotal = 0;
let blocksSame = 0;
for (const f of [...new Set([...leftFiles, ...rightFiles])].sort()) {
  if (!leftFiles.includes(f) || !rightFiles.includes(f)) {
    unexpected.push({ path: f, a: leftFiles.includes(f) ? "present" : "missing", b: rightFiles.includes(f) ? "present" : "missing" });
    continue;
  }
  const [a, b] = [readFileSync(path.join(left, f)), readFileSync(path.join(right, f))];
  if (f.endsWith("cdk.tf.json") || f === "manifest.json") {
    const out = { leaves: 0, expected: [], unexpected: [] };
    const [ja, jb] = [JSON.parse(a), JSON.parse(b)];
    compare(ja, jb, f === "manifest.json" ? MANIFEST_EXPECTED : EXPECTED, "", out);
    leaves += out.leaves;
    expected.push(...out.expected.map((d) => ({ ...d, file: f })));
    unexpected.push(...out.unexpected.map((d) => ({ ...d, path: `${f}: ${d.path}` })));
    if (f.endsWith("cdk.tf.json")) {
      for (const kind of ["resource", "data"]) {
        for (const [type, byName] of Object.entries(ja[kind] ?? {})) {
          for (const [name, block] of Object.entries(byName)) {
            blockTotal++;
            if (JSON.stringify(block) === JSON.stringify(jb[kind]?.[type]?.[name])) blocksSame++;
          }
        }
      }
    }
  } else if (!a.equals(b)) {
    unexpected.push({ path: f, a: `${statSync(path.join(left, f)).size} bytes`, b: `${statSync(path.join(right, f)).size} bytes` });
  }
}

const show = (v) => (v === undefined ? "(absent)" : JSON.stringify(v).slice(0, 160));
const byWhat = new Map();
for (const d of expected) {
  const key = `${d.what}: ${d.path} ${show(d.a)} -> ${show(d.b)}`;
  byWhat.set(key, (byWhat.get(key) ?? 0) + 1);
}
console.log(`compared ${left} with ${right}: ${leftFiles.length} files`);
for (const [key, n] of byWhat) console.log(`  differs by design (${n} file${n === 1 ? "" : "s"}): ${key}`);
for (const d of unexpected) console.log(`  DIFFERS ${d.path}: ${show(d.a)} vs ${show(d.b)}`);
console.log(
  `TOTAL: resource and data blocks ${blocksSame}/${blockTotal} identical; ` +
  `${leaves - unexpected.length - expected.length}/${leaves} values identical; ` +
    `${expected.length} differ by design (framework version, provider pin); ${unexpected.length} other differences`,
);
process.exitCode = unexpected.length === 0 ? 0 : 1;
