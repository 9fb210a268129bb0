import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "@cdktf/hcl2json";
import { App, TerraformStack, Testing } from "cdktf";
import { listEnvironments, loadEnvironment } from "../../config/environment";
import { addEnvironmentStacks, synthesizeEnvironments, SynthesizedStack } from "../../stacks/app";
import { hclMetadata, renderHcl } from "../../stacks/hcl";
import { Json } from "../helpers";

// The HCL exit (`npm run synth -- --hcl`, `cdktf synth --hcl`): every stack's cdk.tf is what
// `terraform fmt` writes, and parses back to the values of the stack's cdk.tf.json.
const ROOT = path.resolve(__dirname, "../..");
const CONFIG_DIR = path.join(ROOT, "config");
const environments = listEnvironments(CONFIG_DIR).map((name) => loadEnvironment(CONFIG_DIR, name));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hcl-"));
const json = synthesizeEnvironments(environments, path.join(work, "json"));
const hcl = synthesizeEnvironments(environments, path.join(work, "hcl"), { hcl: true });

test("HCL mode writes cdk.tf and metadata.json for every stack, and no cdk.tf.json", () => {
  expect(hcl.map((s) => s.name)).toEqual(json.map((s) => s.name));
  expect(hcl.length).toBe(8);
  for (const stack of hcl) {
    const dir = path.dirname(stack.file);
    expect(path.basename(stack.file)).toBe("cdk.tf");
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("cdk.tf") || f === "metadata.json").sort()).toEqual(["cdk.tf", "metadata.json"]);
  }
  // The same resources and policy findings as the JSON synth.
  const summary = (s: SynthesizedStack) => ({ name: s.name, resources: s.resources, policy: s.policy });
  expect(hcl.map(summary)).toEqual(json.map(summary));
});

// terraform is on the CI image and runs `fmt` offline; without it the check cannot run, which
// must not pass quietly: set AIC_SKIP_TERRAFORM_FMT=1 to skip only this test, and say so.
test("every stack's HCL passes terraform fmt -check", () => {
  const run = spawnSync("terraform", ["fmt", "-check", "-diff", "-recursive", path.join(work, "hcl")], { encoding: "utf8" });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") {
    if (process.env.AIC_SKIP_TERRAFORM_FMT === "1") {
      console.warn("SKIPPED: terraform fmt -check of the HCL output (terraform not on PATH, AIC_SKIP_TERRAFORM_FMT=1)");
      return;
    }
    throw new Error("terraform is not on PATH: install Terraform (fmt needs no providers or network), or set AIC_SKIP_TERRAFORM_FMT=1 to skip this check");
  }
  expect({ status: run.status, out: run.stdout, err: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, out: "", err: "" });
});

/** Terraform-equivalent forms made alike: blocks as one-element lists, references quoted or bare. */
function comparable(value: Json, key = ""): Json {
  if (Array.isArray(value)) {
    if (value.length === 1 && value[0] !== null && typeof value[0] === "object" && !Array.isArray(value[0])) return comparable(value[0], key);
    return value.map((v) => comparable(v, key));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, comparable(v, k)]));
  }
  // depends_on, lifecycle lists, a resource's provider and a variable's type are references in HCL.
  if (typeof value === "string" && ["depends_on", "ignore_changes", "replace_triggered_by", "provider", "type"].includes(key)) return value.replace(/^\$\{(.*)\}$/s, "$1");
  return value;
}

/** Paths where `hcl` (parsed back) differs from `json`; an empty block list is no block in HCL. */
function differences(expected: Json, actual: Json, at = ""): string[] {
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) return expected.flatMap((e, i) => differences(e, actual[i], `${at}[${i}]`));
  if (expected !== null && actual !== null && typeof expected === "object" && typeof actual === "object" && !Array.isArray(expected) && !Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => {
      if (!(k in actual) && Array.isArray(expected[k]) && expected[k].length === 0) return [];
      return differences(expected[k], actual[k], `${at}.${k}`);
    });
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [`${at}: JSON ${JSON.stringify(expected)?.slice(0, 200)} vs HCL ${JSON.stringify(actual)?.slice(0, 200)}`];
}

/** Leaf values compared (so a comparison of nothing cannot pass). */
function leaves(value: Json): number {
  if (value !== null && typeof value === "object") return Object.values(value).reduce((n: number, v) => n + leaves(v as Json), 0);
  return 1;
}

test.each(json.map((s, i) => [s.name, s.file, hcl[i].file]))("%s: the HCL parses back to the values of its JSON", async (_name, jsonFile, hclFile) => {
  const expected = comparable(JSON.parse(fs.readFileSync(jsonFile, "utf8")));
  const actual = comparable(await parse(hclFile, fs.readFileSync(hclFile, "utf8")));
  expect(leaves(expected)).toBeGreaterThan(100);
  expect(differences(expected, actual)).toEqual([]);
});

test("the round trip catches what cdktf's renderer silently changes: a heredoc's extra newline, a lost backslash, a dropped nullable", async () => {
  const expected = { variable: { v: { nullable: false, type: "string" } }, output: { o: { value: "line\n" }, p: { value: '@json(\'{\\"a\\":1}\')' } } };
  // As cdktf 0.21 writes them (lib/hcl/render.js): `<<EOF\n${lines}\nEOF`, strings with ${ unescaped, no nullable.
  const cdktf = 'variable "v" {\n  type = string\n}\noutput "o" {\n  value = <<EOF\nline\n\nEOF\n}\noutput "p" {\n  value = "@json(\'{\\"a\\":1}\')"\n}\n';
  const actual = comparable(await parse("cdktf.tf", cdktf));
  expect(differences(comparable(expected), actual).map((d) => d.split(":")[0])).toEqual([".output.o.value", ".output.p.value", ".variable.v.nullable"]);
});

test("metadata.json holds what cdktf's own HCL synthesis writes there", () => {
  const stacks = addEnvironmentStacks(Testing.app(), environments[0]);
  for (const stack of stacks) {
    const theirs = TerraformStack.prototype.toHclTerraform.call(stack).metadata;
    expect(hclMetadata(stack.toTerraform())).toEqual(theirs);
  }
});

test("an App created with hclOutput writes HCL, not JSON in a file named cdk.tf (cdktf's stacks ignore that option)", () => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "hcl-app-")), stackTraces: false, hclOutput: true });
  const [stack] = addEnvironmentStacks(app, environments[0]);
  app.synth();
  const text = fs.readFileSync(path.join(app.outdir, "stacks", stack.node.id, "cdk.tf"), "utf8");
  expect(text.startsWith("terraform {\n")).toBe(true);
});

describe("renderHcl", () => {
  const schema = { resource: new Map([["t.r", new Map([["blk", new Map([["inner", new Map()]])]])]]), data: new Map(), provider: new Map() };
  const render = (body: Record<string, Json>) => renderHcl({ resource: { t: { r: body } } }, schema);

  test("escapes quotes, backslashes and control characters outside ${...}, and leaves the expressions alone", () => {
    expect(render({ a: 'say "hi" ${upper("x\\"y")} C:\\dir\ttab' })).toContain('a = "say \\"hi\\" ${upper("x\\"y")} C:\\\\dir\\ttab"');
  });

  test("keeps $${ and %%{ escapes, and %{ directives", () => {
    expect(render({ a: "$${literal} %%{x} %{ if true }y%{ endif }" })).toContain('a = "$${literal} %%{x} %{ if true }y%{ endif }"');
  });

  test("writes a single interpolation as its expression, and references bare", () => {
    const out = render({ a: "${var.x}", depends_on: ["azurerm_x.y"], provider: "azurerm.second" });
    expect(out).toContain("a          = var.x");
    expect(out).toContain("depends_on = [azurerm_x.y]");
    expect(out).toContain("provider   = azurerm.second");
  });

  test("a multi-line string ending in a newline is a heredoc with exactly that text; one without is a quoted string", () => {
    expect(render({ a: "one\n${x}\\n two\n" })).toContain("a = <<EOT\none\n${x}\\n two\nEOT\n");
    expect(render({ a: "EOT\nx\n" })).toContain("a = <<EOT1\nEOT\nx\nEOT1\n");
    expect(render({ a: "one\ntwo" })).toContain('a = "one\\ntwo"');
    expect(render({ a: ["one\n"] })).toContain('a = ["one\\n"]');
  });

  test("blocks from the schema, attributes otherwise; an empty block list is no block", () => {
    const out = render({ blk: [{ inner: { v: 1 } }, { x: [] }], obj: { "k-1": true, "a b": null }, list: [] });
    expect(out).toContain("  blk {\n    inner {\n      v = 1\n    }\n  }\n  blk {\n    x = []\n  }");
    expect(out).toContain('obj = {\n    "a b" = null\n    k-1   = true\n  }');
    expect(out).toContain("list = []");
    expect(render({ blk: [] })).toBe('resource "t" "r" {}\n');
  });

  test("the unusual shapes are written as terraform fmt writes them too", () => {
    const body = {
      a: 1,
      long_name: "x",
      b_heredoc: "heredoc\nline\n",
      after: true,
      list_of_objects: [{ k: "v", "quoted key": 2 }, { z: [1, 2] }],
      nested: { inner: { deeper: "${var.x}" }, short: 1 },
      depends_on: ["a.b", "c.d"],
      blk: [{ inner: {} }],
    };
    const text = render(body);
    const run = spawnSync("terraform", ["fmt", "-"], { input: text, encoding: "utf8" });
    if (run.error) return; // no terraform: the fmt test above fails or says it skipped
    expect(run.stdout).toBe(text);
  });

  test("refuses what it cannot write rather than dropping it", () => {
    expect(() => render({ dynamic: { blk: {} } })).toThrow('"dynamic" is not supported');
    expect(() => renderHcl({ module: {} }, schema)).toThrow('top-level "module" is not supported');
    expect(() => render({ a: "${unclosed" })).toThrow("unterminated template sequence");
  });
});
