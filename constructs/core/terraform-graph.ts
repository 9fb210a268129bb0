/**
 * The dependency graph of a stack's synthesized Terraform JSON (`cdk.tf.json`), as Terraform builds
 * it: a block depends on every block it references, in any attribute at any depth (`${...}` and
 * `%{...}` templates), and on what it lists in `depends_on` and `lifecycle.replace_triggered_by`.
 *
 * Nodes are addresses as Terraform writes them: `type.name` (resources), `data.type.name`,
 * `module.name`, `local.name`, `var.name` and `output.name`. References to undeclared blocks make no
 * edge (rule AIC-TF-001 reports them).
 */

/** The parts of synthesized Terraform JSON the graph reads. */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly module?: Readonly<Record<string, unknown>>;
  readonly locals?: Readonly<Record<string, unknown>>;
  readonly variable?: Readonly<Record<string, unknown>>;
  readonly output?: Readonly<Record<string, unknown>>;
}

/** `from` depends on `to` through its top-level attribute `via` (e.g. `scope`, `depends_on`, `lifecycle`). */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly via: string;
}

/** Which edges a transitive query follows. @default every edge */
export type EdgeFilter = (edge: GraphEdge) => boolean;

/** Template sequences in JSON strings: `${` and `%{`, unless escaped as `$${` / `%%{`. */
const TEMPLATE_START = /(?<![$%])[$%]\{/g;
/** What an expression can name, up to the block's address: resources, data sources, variables, locals, modules. */
const REFERENCE = /(?<![\w.:])(?:(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*|var|local|module)\.[A-Za-z_][\w-]*/g;

/** The text of every template sequence in `text`, braces balanced (braces inside quoted strings do not count). */
function templates(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(TEMPLATE_START)) {
    const start = (match.index ?? 0) + 2;
    let depth = 1;
    let quoted = false;
    let i = start;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (quoted) {
        if (c === "\\") i++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === "{") depth++;
      else if (c === "}") depth--;
    }
    found.push(text.slice(start, depth === 0 ? i - 1 : i));
  }
  return found;
}

/** The blocks referenced (`azurerm_x.y`, `data.azurerm_x.y`, `var.x`, `module.m`, ...) in the templates of every string in `value`. */
export function referencesIn(value: unknown): string[] {
  const found = new Set<string>();
  collect(value, found);
  return [...found];
}

/** Adds the references in the templates of every string (and object key) in `value` to `found`. */
function collect(value: unknown, found: Set<string>): void {
  if (typeof value === "string") {
    // Most strings hold no template at all: skip them without a regex.
    if (value.indexOf("${") < 0 && value.indexOf("%{") < 0) return;
    for (const expression of templates(value)) for (const [reference] of expression.matchAll(REFERENCE)) found.add(reference);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, found);
  } else if (value !== null && typeof value === "object") {
    for (const key in value) {
      if (key.includes("{")) collect(key, found);
      collect((value as Record<string, unknown>)[key], found);
    }
  }
}

/** References in bare expressions (`depends_on`, `replace_triggered_by` entries: `azurerm_x.y`, `azurerm_x.y.id`). */
function bareReferences(value: unknown, found: Set<string>): void {
  if (!Array.isArray(value)) return;
  for (const entry of value) if (typeof entry === "string") for (const [reference] of entry.matchAll(REFERENCE)) found.add(reference);
}

export class TerraformGraph {
  private static readonly built = new WeakMap<TerraformJson, TerraformGraph>();

  /**
   * The graph of `json`. Building it reads every attribute once; queries are cheap afterwards, and
   * asking again for the same JSON object returns the same graph (a fix-up that changes a block
   * calls {@link TerraformGraph.reread}).
   */
  public static of(json: TerraformJson): TerraformGraph {
    let graph = TerraformGraph.built.get(json);
    if (!graph) TerraformGraph.built.set(json, (graph = new TerraformGraph(json)));
    return graph;
  }

  private readonly configs = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly out = new Map<string, GraphEdge[]>();
  private readonly in = new Map<string, GraphEdge[]>();

  private constructor(json: TerraformJson) {
    const blocks: [string, unknown][] = [];
    for (const [prefix, byType] of [["", json.resource], ["data.", json.data]] as const) {
      for (const [type, byName] of Object.entries(byType ?? {})) {
        for (const [name, config] of Object.entries(byName)) blocks.push([`${prefix}${type}.${name}`, config]);
      }
    }
    for (const [name, c] of Object.entries(json.module ?? {})) blocks.push([`module.${name}`, c]);
    for (const [name, c] of Object.entries(json.output ?? {})) blocks.push([`output.${name}`, c]);
    // Each local is its own node, so one local's references do not leak into another's dependents.
    for (const [name, c] of Object.entries(json.locals ?? {})) blocks.push([`local.${name}`, { value: c }]);
    for (const [name, c] of Object.entries(json.variable ?? {})) blocks.push([`var.${name}`, c]);
    for (const [address, config] of blocks) {
      this.configs.set(address, (config ?? {}) as Record<string, unknown>);
      this.out.set(address, []);
      this.in.set(address, []);
    }
    for (const address of this.configs.keys()) this.read(address);
  }

  /** Reads the edges out of `address` from its config. */
  private read(address: string): void {
    if (address.startsWith("var.")) return; // defaults and validations name no other block
    const config = this.configs.get(address) ?? {};
    for (const via in config) {
      if (via === "//") continue; // cdktf's metadata: construct paths
      const value = config[via];
      const references = new Set<string>();
      if (via === "depends_on") bareReferences(value, references);
      else {
        if (via === "lifecycle") bareReferences((value as Record<string, unknown> | undefined)?.replace_triggered_by, references);
        collect(value, references);
      }
      for (const reference of references) this.connect(address, reference, via);
    }
  }

  /** Reads the block at `address` again after its JSON (the object the graph was built from) changed. */
  public reread(address: string): void {
    for (const edge of this.out.get(address) ?? []) {
      const into = this.in.get(edge.to) ?? [];
      into.splice(into.indexOf(edge), 1);
    }
    this.out.set(address, []);
    this.read(address);
  }

  /** One edge per (from, to, via): the references of one attribute are distinct already. */
  private connect(from: string, to: string, via: string): void {
    if (!this.configs.has(to) || from === to) return;
    const edge = { from, to, via };
    this.out.get(from)?.push(edge);
    this.in.get(to)?.push(edge);
  }

  /** Every declared block, in the order of the JSON. */
  public get addresses(): string[] {
    return [...this.configs.keys()];
  }

  public has(address: string): boolean {
    return this.configs.has(address);
  }

  /** The block's JSON as the graph read it (a local's value is under `value`). */
  public config(address: string): Readonly<Record<string, unknown>> | undefined {
    return this.configs.get(address);
  }

  /** What `address` references directly. */
  public edgesFrom(address: string): readonly GraphEdge[] {
    return this.out.get(address) ?? [];
  }

  /** What references `address` directly. */
  public edgesTo(address: string): readonly GraphEdge[] {
    return this.in.get(address) ?? [];
  }

  /** Everything `address` depends on, directly or through others. */
  public dependenciesOf(address: string, follow: EdgeFilter = () => true): Set<string> {
    return this.reach(address, (a) => this.edgesFrom(a).filter(follow).map((e) => e.to));
  }

  /** Everything that depends on `address`, directly or through others. */
  public dependentsOf(address: string, follow: EdgeFilter = () => true): Set<string> {
    return this.reach(address, (a) => this.edgesTo(a).filter(follow).map((e) => e.from));
  }

  /** Whether `from` depends on `to`, directly or through others: Terraform creates `to` first and destroys it last. */
  public dependsOn(from: string, to: string, follow: EdgeFilter = () => true): boolean {
    return this.dependenciesOf(from, follow).has(to);
  }

  /** A dependency cycle (`[a, b, ..., a]`) if there is one; Terraform refuses to plan a cyclic graph. */
  public findCycle(): string[] | undefined {
    const state = new Map<string, "open" | "done">();
    const path: string[] = [];
    const visit = (address: string): string[] | undefined => {
      state.set(address, "open");
      path.push(address);
      for (const { to } of this.edgesFrom(address)) {
        if (state.get(to) === "open") return [...path.slice(path.indexOf(to)), to];
        if (!state.has(to)) {
          const cycle = visit(to);
          if (cycle) return cycle;
        }
      }
      path.pop();
      state.set(address, "done");
      return undefined;
    };
    for (const address of this.configs.keys()) {
      if (state.has(address)) continue;
      const cycle = visit(address);
      if (cycle) return cycle;
    }
    return undefined;
  }

  private reach(start: string, next: (address: string) => string[]): Set<string> {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
      for (const address of next(queue.pop() as string)) {
        if (address === start || seen.has(address)) continue;
        seen.add(address);
        queue.push(address);
      }
    }
    return seen;
  }
}
