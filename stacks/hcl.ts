import { App, TerraformElement, TerraformStack } from "cdktf";
// Not re-exported by the cdktf index, but the resolver every stack uses (also in cdktn).
import { resolve } from "cdktf/lib/_tokens";
import { StackSynthesizer } from "cdktf/lib/synthesize/synthesizer";

// `synth --hcl`: HCL rendered from the stack's resolved Terraform JSON, the very document
// cdk.tf.json holds, so both exits say the same thing. cdktf's own renderer (lib/hcl/render.js,
// the same in cdktn 0.24) writes HCL that terraform cannot parse: it leaves quotes unescaped in
// any string that holds `${` (hashicorp/terraform-cdk#3911), never escapes backslashes, writes
// multi-line outputs as quoted strings, adds a newline to every heredoc and drops a variable's
// `nullable`. Only which keys are nested blocks is taken from cdktf: the bindings' typed HCL
// fragments know it, the JSON does not (a block and an object attribute look alike there).
// The output is what `terraform fmt` writes (checked by __tests__/stacks/hcl.test.ts).

/** The keys of a body that are nested blocks, each with the blocks of its own body. */
export type BlockKeys = ReadonlyMap<string, BlockKeys>;

/** Block keys of every resource and data source (by `<type>.<name>`) and provider instance. */
export interface HclSchema {
  readonly resource: ReadonlyMap<string, BlockKeys>;
  readonly data: ReadonlyMap<string, BlockKeys>;
  readonly provider: ReadonlyMap<string, readonly BlockKeys[]>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const NONE: BlockKeys = new Map();
// Terraform's own blocks, which no binding describes.
const LIFECYCLE: BlockKeys = new Map([
  ["precondition", NONE],
  ["postcondition", NONE],
]);
const META_BLOCKS: ReadonlyArray<[string, BlockKeys]> = [["lifecycle", LIFECYCLE]];
const VARIABLE: BlockKeys = new Map([["validation", NONE]]);
const OUTPUT: BlockKeys = new Map([["precondition", NONE]]);
const TERRAFORM: BlockKeys = new Map([
  ["required_providers", NONE],
  ["cloud", new Map([["workspaces", NONE]])],
]);
/** What the JSON can hold that this renderer does not write: synthesis stops rather than drop it. */
const UNSUPPORTED = new Set(["dynamic", "connection"]);
const TOP_LEVEL = new Set(["//", "terraform", "provider", "variable", "locals", "data", "resource", "output"]);

/**
 * Makes `stack` write what its App's manifest names. cdktf's stacks (and cdktn's) take HCL mode
 * from SYNTH_HCL_OUTPUT alone, so `new App({ hclOutput: true })` wrote JSON into a cdk.tf file.
 */
export function followAppOutputMode(stack: TerraformStack): void {
  const current = stack.synthesizer as unknown as { continueOnErrorAnnotations?: boolean; hclOutput?: boolean };
  if (App.of(stack).hclOutput && current.hclOutput === false) {
    stack.synthesizer = new StackSynthesizer(stack, current.continueOnErrorAnnotations ?? false, true);
  }
}

/**
 * The stack as HCL, with the metadata cdktf writes next to it (metadata.json), for a
 * TerraformStack's `toHclTerraform()`. Costs one more resolve than JSON synthesis.
 */
export function stackHcl(stack: TerraformStack): { hcl: string; metadata: JsonObject } {
  const json = stack.toTerraform() as JsonObject;
  return { hcl: renderHcl(json, hclSchema(stack)), metadata: hclMetadata(json) };
}

/** Which keys are blocks, from each element's typed HCL fragment (`isBlock`, as the bindings generate it). */
export function hclSchema(stack: TerraformStack): HclSchema {
  const resource = new Map<string, BlockKeys>();
  const data = new Map<string, BlockKeys>();
  const provider = new Map<string, BlockKeys[]>();
  for (const node of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(node) || TerraformStack.of(node) !== stack) continue;
    const fragment = resolve(stack, node.toHclTerraform()) as Record<string, Record<string, unknown> | undefined>;
    for (const [kind, into] of [["resource", resource], ["data", data]] as const) {
      for (const [type, byName] of Object.entries(fragment[kind] ?? {})) {
        for (const [name, attributes] of Object.entries(byName as Record<string, Record<string, unknown>>))
          into.set(`${type}.${name}`, blockKeys(attributes));
      }
    }
    for (const [name, instances] of Object.entries(fragment.provider ?? {})) {
      provider.set(name, [...(provider.get(name) ?? []), ...(instances as Record<string, unknown>[]).map(blockKeys)]);
    }
  }
  return { resource, data, provider };
}

function blockKeys(attributes: Record<string, unknown>): BlockKeys {
  const keys = new Map<string, BlockKeys>();
  for (const [key, attribute] of Object.entries(attributes ?? {})) {
    if (attribute === null || typeof attribute !== "object" || !("value" in attribute)) continue;
    const typed = attribute as { value: unknown; isBlock?: boolean; is_block?: boolean };
    if (!(typed.isBlock || typed.is_block)) continue;
    const merged = new Map<string, BlockKeys>();
    for (const item of Array.isArray(typed.value) ? typed.value : [typed.value]) {
      if (item !== null && typeof item === "object") for (const [k, v] of blockKeys(item as Record<string, unknown>)) merged.set(k, v);
    }
    keys.set(key, merged);
  }
  return keys;
}

/** What cdktf writes to metadata.json in HCL mode: the `//` entries the JSON carries inline. */
export function hclMetadata(json: JsonObject): JsonObject {
  const metadata: JsonObject = {};
  if (json["//"] !== undefined) metadata["//"] = json["//"];
  for (const kind of ["data", "resource"]) {
    const blocks = json[kind] as Record<string, Record<string, JsonObject>> | undefined;
    if (!blocks) continue;
    metadata[kind] = Object.fromEntries(
      Object.entries(blocks).map(
        ([type, byName]) => [type, Object.fromEntries(Object.entries(byName).map(([name, b]) => [name, { "//": b["//"] ?? null }]))],
      ),
    );
  }
  if (json.terraform !== undefined) metadata.terraform = json.terraform;
  return metadata;
}

/** Renders a stack's Terraform JSON as HCL; `schema` says which keys are nested blocks. */
export function renderHcl(json: JsonObject, schema: HclSchema): string {
  for (const key of Object.keys(json)) {
    if (!TOP_LEVEL.has(key)) throw new Error(`HCL output: top-level "${key}" is not supported; use the JSON output`);
  }
  const blocks: string[] = [];
  const add = (header: string, body: JsonObject, keys: BlockKeys, context: Context) => blocks.push(block(header, body, keys, context, 0));
  if (json.terraform) add("terraform", json.terraform as JsonObject, TERRAFORM, "terraform");
  for (const [name, instances] of sorted(json.provider)) {
    (instances as JsonObject[]).forEach((p, i) => add(`provider ${label(name)}`, p, schema.provider.get(name)?.[i] ?? NONE, "body"));
  }
  for (const [name, variable] of sorted(json.variable)) add(`variable ${label(name)}`, variable as JsonObject, VARIABLE, "variable");
  if (json.locals && Object.keys(json.locals).length > 0) add("locals", json.locals as JsonObject, NONE, "body");
  for (const kind of ["data", "resource"] as const) {
    for (const [type, byName] of sorted(json[kind])) {
      for (const [name, body] of sorted(byName)) {
        const keys = schema[kind].get(`${type}.${name}`);
        if (!keys) throw new Error(`HCL output: no schema for ${kind} ${type}.${name}`);
        add(`${kind} ${label(type)} ${label(name)}`, body as JsonObject, new Map([...keys, ...META_BLOCKS]), "element");
      }
    }
  }
  for (const [name, output] of sorted(json.output)) add(`output ${label(name)}`, output as JsonObject, OUTPUT, "output");
  return `${blocks.join("\n\n")}\n`;
}

/** Where a body sits: some arguments there are references or types, not values. */
type Context = "body" | "element" | "terraform" | "variable" | "output" | "lifecycle" | "provisioner";

function sorted(object: Json | undefined): [string, Json][] {
  return Object.entries((object ?? {}) as JsonObject).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const pad = (depth: number) => "  ".repeat(depth);

function block(header: string, body: JsonObject, keys: BlockKeys, context: Context, depth: number): string {
  const lines = bodyLines(body, keys, context, depth + 1);
  return lines.length === 0 ? `${pad(depth)}${header} {}` : `${pad(depth)}${header} {\n${lines.join("\n")}\n${pad(depth)}}`;
}

/** A rendered argument: its text (from the `=` on), and whether `terraform fmt` aligns it with its neighbours. */
interface Argument {
  readonly key: string;
  readonly value: string;
  readonly aligned: boolean;
}

function bodyLines(body: JsonObject, keys: BlockKeys, context: Context, depth: number): string[] {
  const args: Argument[] = [];
  const nested: string[] = [];
  for (const [key, value] of sorted(body)) {
    if (key === "//") continue; // JSON-only comments (construct paths)
    if (UNSUPPORTED.has(key) && context === "element") throw new Error(`HCL output: "${key}" is not supported; use the JSON output`);
    if (context === "element" && key === "provisioner") {
      // `[{ "local-exec": {...} }]` in JSON is `provisioner "local-exec" { ... }` in HCL.
      for (const item of Array.isArray(value) ? value : [value]) {
        for (const [type, config] of sorted(item)) nested.push(block(`provisioner ${label(type)}`, config as JsonObject, NONE, "provisioner", depth));
      }
      continue;
    }
    if (context === "terraform" && key === "backend") {
      for (const [name, config] of sorted(value)) nested.push(block(`backend ${label(name)}`, config as JsonObject, NONE, "body", depth));
      continue;
    }
    const childKeys = keys.get(key);
    if (childKeys) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (item === null || typeof item !== "object" || Array.isArray(item))
          throw new Error(`HCL output: block "${key}" holds ${JSON.stringify(item)}, not a body`);
        nested.push(block(key, item, childKeys, key === "lifecycle" ? "lifecycle" : "body", depth));
      }
      continue;
    }
    args.push(argument(attributeName(key), value, context, depth));
  }
  return [...alignedLines(args, depth), ...nested];
}

// Arguments that name things rather than hold values: Terraform wants them bare.
function isReferenceList(key: string, context: Context): boolean {
  return (key === "depends_on" && (context === "element" || context === "output")) ||
    (context === "lifecycle" && (key === "ignore_changes" || key === "replace_triggered_by"));
}

function argument(key: string, value: Json, context: Context, depth: number): Argument {
  if (context === "variable" && key === "type" && typeof value === "string") return { key, value: bare(value), aligned: true };
  if (context === "element" && key === "provider" && typeof value === "string") return { key, value: bare(value), aligned: true };
  // A provisioner's `when` and `on_failure` take keywords (`destroy`, `continue`), not strings.
  if (context === "provisioner" && (key === "when" || key === "on_failure") && typeof value === "string")
    return { key, value: bare(value), aligned: true };
  if (isReferenceList(key, context) && Array.isArray(value) && value.every((v) => typeof v === "string")) {
    const refs = list((value as string[]).map(bare), depth);
    return { key, value: refs, aligned: !refs.includes("\n") };
  }
  if (context === "lifecycle" && key === "ignore_changes" && value === "all") return { key, value: "all", aligned: true };
  const rendered = expression(value, depth);
  return { key, value: rendered.text, aligned: rendered.aligned };
}

/** `terraform fmt` pads the `=` of consecutive one-line arguments (or object items) to one column. */
function alignedLines(items: readonly Argument[], depth: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && items[j].aligned) j++;
    const run = j > i ? items.slice(i, j) : [items[i]];
    const width = j > i ? Math.max(...run.map((a) => a.key.length)) : 0;
    for (const a of run) lines.push(`${pad(depth)}${a.key.padEnd(width)} = ${a.value}`);
    i += run.length;
  }
  return lines;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function attributeName(key: string): string {
  if (!IDENTIFIER.test(key)) throw new Error(`HCL output: argument name ${JSON.stringify(key)} is not an identifier`);
  return key;
}

function label(name: string): string {
  return `"${escapeLiteral(name)}"`;
}

/**
 * A rendered value, and whether `terraform fmt` aligns its `=`: it does for one-line values and
 * heredocs (hclwrite sees a heredoc as one line), not for multi-line lists and objects.
 */
function expression(value: Json, depth: number, heredoc = true): { text: string; aligned: boolean } {
  if (value === null || typeof value === "boolean") return { text: String(value), aligned: true };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`HCL output: ${value} is not a Terraform number`);
    return { text: JSON.stringify(value), aligned: true };
  }
  if (typeof value === "string") return { text: stringExpression(value, heredoc), aligned: true };
  if (Array.isArray(value)) {
    // No heredoc in a list: its closing marker must stand alone on its line, without the comma.
    const text = list(value.map((v) => expression(v, depth + 1, false).text), depth);
    return { text, aligned: !text.includes("\n") };
  }
  const entries = sorted(value);
  if (entries.length === 0) return { text: "{}", aligned: true };
  const items: Argument[] = entries.map(([k, v]) => {
    const rendered = expression(v, depth + 1);
    return { key: objectKey(k), value: rendered.text, aligned: rendered.aligned };
  });
  const lines = alignedLines(items, depth + 1);
  return { text: `{\n${lines.join("\n")}\n${pad(depth)}}`, aligned: false };
}

function objectKey(key: string): string {
  return IDENTIFIER.test(key) && !["true", "false", "null"].includes(key) ? key : `"${escapeLiteral(key)}"`;
}

/** One line when every element fits on one, else one element a line with trailing commas. */
function list(items: readonly string[], depth: number): string {
  if (items.length === 0) return "[]";
  const oneLine = `[${items.join(", ")}]`;
  if (!items.some((i) => i.includes("\n")) && oneLine.length <= 100) return oneLine;
  return `[\n${items.map((i) => `${pad(depth + 1)}${i},`).join("\n")}\n${pad(depth)}]`;
}

/** A reference or type written as a JSON string (`"azurerm_x.y"` or `"${azurerm_x.y}"`), bare. */
function bare(value: string): string {
  const inner = singleInterpolation(value);
  return (inner ?? value).trim();
}

/**
 * A JSON string is a template in Terraform, as a quoted HCL string is: `${...}` and `%{...}`
 * stay as they are, and only the literal text between them is escaped. A string that is one
 * interpolation is written as its bare expression (its value, unconverted, in both syntaxes);
 * a multi-line string that ends with a newline becomes a heredoc, whose text is taken literally.
 */
function stringExpression(value: string, heredoc: boolean): string {
  const inner = singleInterpolation(value);
  if (inner !== undefined) return inner.trim();
  if (heredoc && value.includes("\n") && value.endsWith("\n") && !value.includes("\r")) {
    const lines = value.slice(0, -1).split("\n");
    let marker = "EOT";
    for (let n = 1; lines.some((l) => l.trim() === marker); n++) marker = `EOT${n}`;
    return `<<${marker}\n${value}${marker}`;
  }
  return `"${escapeTemplate(value)}"`;
}

function singleInterpolation(value: string): string | undefined {
  if (!value.startsWith("${")) return undefined;
  return sequenceEnd(value, 2) === value.length ? value.slice(2, -1) : undefined;
}

function escapeTemplate(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; ) {
    const c = value[i];
    if ((c === "$" || c === "%") && value[i + 1] === c && value[i + 2] === "{") {
      out += value.slice(i, i + 3); // `$${` and `%%{` are escapes in both syntaxes
      i += 3;
    } else if ((c === "$" || c === "%") && value[i + 1] === "{") {
      const end = sequenceEnd(value, i + 2);
      out += value.slice(i, end);
      i = end;
    } else {
      out += escapeLiteral(c);
      i++;
    }
  }
  return out;
}

function escapeLiteral(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return text.replace(/[\\"\u0000-\u001f]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
}

/** The index after the `}` that closes the template sequence whose expression starts at `start`. */
function sequenceEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = quotedEnd(text, i + 1) - 1;
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      if (depth === 0) return i + 1;
      depth--;
    }
  }
  throw new Error(`HCL output: unterminated template sequence in ${JSON.stringify(text)}`);
}

/** The index after the `"` that closes a quoted string (inside an expression) starting at `start`. */
function quotedEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') return i + 1;
    else if ((c === "$" || c === "%") && text[i + 1] === "{" && text[i - 1] !== c) i = sequenceEnd(text, i + 2) - 1;
  }
  throw new Error(`HCL output: unterminated string in ${JSON.stringify(text)}`);
}
