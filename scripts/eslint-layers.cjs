// The dependency rule between the repository's folders, as an ESLint rule (`layers/imports`).
// Each relative import is resolved to a repository path and judged by the importing file's layer:
// - constructs/core: imports nothing else of the repository;
// - constructs/<service>: its own folder, core, and other services through their `index.ts` only;
// - policy and config: themselves and constructs/core only;
// - patterns: their own folder, constructs (core, or a service's index), the policy and other
//   patterns through their index, and workloads/;
// - stacks: themselves, config, patterns, constructs and policy (indexes, core files);
// - workloads: themselves only (function code runs in Azure, not at synth);
// - testing (helpers for users' tests): itself, constructs/core and the policy index.
// Files outside these folders (the entry points, scripts, tests, docs) are not restricted.
const path = require("path");

const ROOT = path.resolve(__dirname, "..");

/** The folder a repository path belongs to (`constructs/<svc>`, `patterns/<name>`, `policy`, ...) and the rest of the path. */
function layerOf(rel) {
  const parts = rel.split("/");
  const depth = parts[0] === "constructs" || parts[0] === "patterns" ? 2 : 1;
  return { layer: parts[0], unit: parts.slice(0, depth).join("/"), rest: parts.slice(depth).join("/"), topLevel: parts.length === 1 };
}

// Each check is (importing file, imported path) => allowed.
const isIndex = (t) => t.rest === "" || t.rest === "index";
const inUnit = (from, t) => t.unit === from.unit;
const isCore = (_from, t) => t.unit === "constructs/core";
/** A service or pattern through its index (a folder import), or any core file. */
const publicOf = (layer) => (_from, t) => t.layer === layer && (t.unit === "constructs/core" || isIndex(t));

const ALLOWED = {
  "constructs/core": [inUnit],
  constructs: [inUnit, isCore, publicOf("constructs")],
  policy: [inUnit, isCore],
  config: [inUnit, isCore],
  patterns: [inUnit, publicOf("constructs"), publicOf("patterns"), (_f, t) => t.unit === "policy" && isIndex(t), (_f, t) => t.layer === "workloads"],
  stacks: [
    inUnit,
    publicOf("constructs"),
    publicOf("patterns"),
    (_f, t) => t.unit === "policy" && isIndex(t),
    (_f, t) => t.layer === "config",
  ],
  workloads: [inUnit],
  testing: [inUnit, isCore, (_f, t) => t.unit === "policy" && isIndex(t)],
};

const RULE_TEXT = {
  "constructs/core": "constructs/core imports nothing else of the repository",
  constructs: "a construct imports its own folder, constructs/core and other services' index.ts only",
  policy: "policy imports constructs/core only",
  config: "config imports constructs/core only",
  patterns: "a pattern imports constructs (core, or a service's index), policy/index, other patterns' index and workloads/",
  stacks: "stacks import config, patterns, constructs and policy through their index files (and constructs/core)",
  workloads: "workloads import nothing of the library",
  testing: "testing imports itself, constructs/core and policy/index",
};

/** The violated rule for an import of `spec` from `file` (absolute), or undefined when allowed. */
function layerViolation(file, spec, root = ROOT) {
  if (!spec.startsWith(".")) return undefined;
  const fromRel = path.relative(root, file).split(path.sep).join("/");
  const toRel = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join("/").replace(/\.(ts|js)$/, "");
  const from = layerOf(fromRel);
  const key = from.unit === "constructs/core" ? "constructs/core" : from.layer;
  const allowed = ALLOWED[key];
  if (!allowed || from.topLevel) return undefined;
  const to = layerOf(toRel);
  return allowed.some((ok) => ok(from, to)) ? undefined : RULE_TEXT[key];
}

const importsRule = {
  meta: { type: "problem", schema: [], messages: { layer: "{{spec}} breaks the layering: {{rule}} (see README, Layers)." } },
  create(context) {
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== "string") return;
      const rule = layerViolation(context.filename, spec);
      if (rule) context.report({ node: node.source, messageId: "layer", data: { spec, rule } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

module.exports = { rules: { imports: importsRule }, layerViolation };
