import * as fs from "fs";
import * as path from "path";
import { IConstruct } from "constructs";
import {
  Annotations,
  Aspects,
  DefaultTokenResolver,
  IAspect,
  ISynthesisSession,
  StringConcat,
  TerraformDataSource,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  Tokenization,
} from "cdktf";
// Not re-exported by the cdktf index, but public API of its synthesizer (also in cdktn).
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { IntegrationContext, onFirstContext } from "../constructs/core/context";
import { deployerPosition } from "../constructs/core/deployer";
import { invalid } from "../constructs/core/errors";
import { FlowTarget, recordedEntityReferences, recordedFlows, recordedHoles } from "../constructs/core/flows";
import { ProfileName } from "../constructs/core/profiles";
import { recordSuppression, suppressionsOf } from "../constructs/core/suppressions";
import { valueAt } from "./checks";
import { diagramMarkdown } from "./diagram";
import { justifiedHole } from "./reachability/judge";
import { flowReport } from "./reachability/report";
import { targetResource } from "./reachability/terraform";
import { TerraformGraph } from "../constructs/core/terraform-graph";
import { PolicyReport, summarize } from "./report";
import { RULES } from "./rules";
import { CheckedResource, CheckedScope, FLOW_TYPE, HOLE_TYPE, PolicyFinding, PolicyRule, REFERENCE_TYPE } from "./types";

export interface PolicyPackOptions {
  /** The rules to apply. @default every rule of the pack ({@link RULES}) */
  readonly rules?: readonly PolicyRule[];
  /** Profile to judge by. @default each resource's IntegrationContext profile */
  readonly profile?: ProfileName;
}

const RULE_IDS = new Set(RULES.map((r) => r.id));

/** The file the findings report is written to, next to the stack's Terraform JSON. */
export const POLICY_REPORT_FILE = "policy-report.json";
/** The file the stack's diagram and access matrix are written to, next to the findings report. */
export const DIAGRAM_FILE = "diagram.md";

/**
 * The rule pack, a cdktf Aspect: checks every resource below the scope it is added to against
 * the rules, over the final synthesized JSON (after other aspects, escape hatches and
 * overrides). An unsuppressed error fails synthesis; warnings become annotations; a findings
 * report is written next to the stack.
 *
 * ```ts
 * PolicyPack.apply(myStack);   // or: Aspects.of(myStack).add(new PolicyPack())
 * PolicyPack.suppress(apim, "AIC-APIM-004", "Consumption tier has no VNet mode; ...");
 * ```
 */
export class PolicyPack implements IAspect {
  /**
   * Adds the pack to `scope` (a stack, or any construct below one), or returns the pack already
   * on it, now with `options`: a stack with an IntegrationContext has one from the start.
   */
  public static apply(scope: IConstruct, options: PolicyPackOptions = {}): PolicyPack {
    const existing = PolicyPack.on(scope);
    if (existing) {
      existing.options = options;
      existing.automatic = false;
      return existing;
    }
    const pack = new PolicyPack(options);
    pack.attach(scope);
    Aspects.of(scope).add(pack);
    return pack;
  }

  /** The pack added to exactly `scope`, if any. */
  public static on(scope: IConstruct): PolicyPack | undefined {
    return Aspects.of(scope).all.find((a): a is PolicyPack => a instanceof PolicyPack && a.attachedTo === scope);
  }

  /** Attached by the IntegrationContext, not by the user: `policyChecks: false` turns it off. */
  private automatic = false;

  // A stack given an IntegrationContext is checked at every synth without asking, so plain
  // `app.synth()` (and the cdktf CLI) prints the findings; `PolicyPack.apply` reuses this pack.
  static {
    onFirstContext((scope) => {
      if (!TerraformStack.isStack(scope) || PolicyPack.on(scope)) return;
      PolicyPack.apply(scope).automatic = true;
    });
  }

  private get turnedOff(): boolean {
    return this.automatic && IntegrationContext.of(this.scope).policyChecks === false;
  }

  /**
   * Accepts findings of `ruleId` on every resource below `scope`, for a stated reason that
   * appears in the report. The reason must be at least a sentence.
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    if (!RULE_IDS.has(ruleId)) {
      invalid(scope, {
        field: "suppression",
        value: ruleId,
        rule: "names no rule of the policy pack",
        fix: "use a rule id from the report, e.g. AIC-ST-001",
      });
    }
    recordSuppression(scope, ruleId, reason);
  }

  private findings?: PolicyFinding[];
  private checked?: CheckedScope;
  private attachedTo?: IConstruct;
  /** The stack's resolved JSON the rules were checked against, until it is handed to the synthesizer. */
  private stackJson?: StackJson;

  constructor(private options: PolicyPackOptions = {}) {}

  /** Cdktf visits the scope the aspect was added to first: that is the scope the pack checks. */
  public visit(node: IConstruct): void {
    if (this.attachedTo || this.delegate) return;
    // A pack added as a plain Aspect where the IntegrationContext already put one takes that one over.
    const existing = PolicyPack.on(node);
    if (existing) {
      existing.options = this.options;
      existing.automatic = false;
      this.delegate = existing;
    } else {
      this.attach(node);
    }
  }

  /** The pack that checks in this one's place (see {@link visit}). */
  private delegate?: PolicyPack;

  private get scope(): IConstruct {
    if (!this.attachedTo) throw new Error("PolicyPack: add the pack to a scope (PolicyPack.apply) before asking for its report");
    return this.attachedTo;
  }

  private attach(scope: IConstruct): void {
    this.attachedTo = scope;
    // Validations and custom synthesis run after every aspect, so tags and other late changes are seen.
    scope.node.addValidation({
      validate: () => {
        if (this.turnedOff) return [];
        const evaluatesNow = !this.findings;
        const errors = this.errors();
        if (evaluatesNow) this.handOffStackJson();
        return errors;
      },
    });
    addCustomSynthesis(scope, { onSynthesize: (session) => this.writeReport(session) });
  }

  /** Every finding, suppressed or not (evaluated once, after synthesis-time changes). */
  public evaluate(): PolicyFinding[] {
    if (this.delegate) return this.delegate.evaluate();
    if (this.findings) return this.findings;
    const { resources, json } = this.collect();
    let graph: TerraformGraph | undefined;
    const checked: CheckedScope = (this.checked = {
      resources,
      referencing: (type, attr, target) => referencing(resources, type, attr, target),
      declares: (reference) => declares(json, reference),
      deployer: deployerPosition(this.scope),
      get graph() {
        return (graph ??= TerraformGraph.of(json));
      },
    });
    const rules = this.options.rules ?? RULES;
    this.findings = [];
    for (const resource of resources) {
      for (const rule of rules) {
        if (!appliesTo(rule, resource.type)) continue;
        if (rule.profiles && !rule.profiles.includes(resource.profile)) continue;
        if (rule.check(resource, checked)) continue;
        const hole = rule.closesPublicEndpoint ? justifiedHole(resource, checked) : undefined;
        const suppression = this.suppressionFor(resource, rule.id) ?? (hole && { reason: hole.reason, scope: hole.path });
        this.findings.push({
          ruleId: rule.id,
          level: rule.level,
          title: rule.title,
          remediation: rule.remediationFor?.(resource, checked) ?? rule.remediation,
          resourceType: resource.type,
          address: resource.address,
          path: resource.path,
          ...(suppression ? { suppressed: suppression } : {}),
        });
      }
    }
    for (const f of this.findings.filter((f) => f.level === "warning" && !f.suppressed)) {
      Annotations.of(this.scope).addWarning(`${f.path}: [${f.ruleId}] ${f.title}; ${f.remediation}`);
    }
    return this.findings;
  }

  /** The report of the checked scope. */
  public report(): PolicyReport {
    if (this.delegate) return this.delegate.report();
    const summary = summarize(this.evaluate());
    return { scope: this.scope.node.path, ...summary, flows: this.checked ? flowReport(this.checked) : [] };
  }

  /**
   * The checked scope drawn: a Mermaid flowchart of the recorded flows (services by network boundary,
   * each call with its path and roles) and the access matrix, as Markdown; paths below `root`.
   * @default root the checked scope's path
   */
  public diagram(root?: string): string {
    if (this.delegate) return this.delegate.diagram(root);
    root ??= this.scope.node.path;
    const flows = this.report().flows;
    return diagramMarkdown(flows, this.checked!, root);
  }

  private errors(): string[] {
    // Constructs record suppressions through core (`recordSuppression`), which cannot know the pack's ids.
    const unknown = this.scope.node
      .findAll()
      .flatMap((c) => suppressionsOf(c).filter((s) => !RULE_IDS.has(s.ruleId)).map((s) => ({ path: c.node.path, ruleId: s.ruleId })))
      .map((s) => `${s.path}: suppression "${s.ruleId}" names no rule of the policy pack; use a rule id from the report, e.g. AIC-ST-001`);
    const findings = this.evaluate()
      .filter((f) => f.level === "error" && !f.suppressed)
      .map((f) => `${f.path}: [${f.ruleId}] ${f.title}; ${f.remediation} (or PolicyPack.suppress with a reason)`);
    return [...unknown, ...findings];
  }

  private writeReport(session: ISynthesisSession): void {
    if (this.turnedOff) return;
    const stack = TerraformStack.of(this.scope);
    const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, POLICY_REPORT_FILE), `${JSON.stringify(this.report(), null, 2)}\n`);
    fs.writeFileSync(path.join(dir, DIAGRAM_FILE), `# ${this.scope.node.path}\n\n${this.diagram()}\n`);
  }

  /**
   * The stack's resolved JSON, and what below the scope the rules see: resources, outputs, data
   * sources, and the flows and holes constructs recorded (their tokens resolved one by one).
   */
  private collect(): { resources: CheckedResource[]; json: StackJson } {
    const stack = TerraformStack.of(this.scope);
    const json = (this.stackJson = stack.toTerraform() as StackJson);
    const profileOf = (node: IConstruct) => this.options.profile ?? IntegrationContext.of(node).profile;
    const checked: CheckedResource[] = [];
    for (const node of this.scope.node.findAll()) {
      // Type guards, not `instanceof`: a resource of a second copy of the framework is checked too.
      if (TerraformResource.isTerraformResource(node)) {
        const config = json.resource?.[node.terraformResourceType]?.[node.friendlyUniqueId] ?? {};
        checked.push({ type: node.terraformResourceType, address: addressOf(node), path: node.node.path, config, profile: profileOf(node) });
      } else if (TerraformOutput.isTerraformOutput(node)) {
        checked.push({
          type: "terraform_output",
          address: `output.${node.friendlyUniqueId}`,
          path: node.node.path,
          config: json.output?.[node.friendlyUniqueId] ?? {},
          profile: profileOf(node),
        });
      } else if (TerraformDataSource.isTerraformDataSource(node)) {
        const config = (json.data?.[node.terraformResourceType]?.[node.friendlyUniqueId] ?? {}) as Record<string, unknown>;
        const type = `data.${node.terraformResourceType}`;
        checked.push({ type, address: `${type}.${node.friendlyUniqueId}`, path: node.node.path, config, profile: profileOf(node) });
      }
    }
    this.collectFlows(stack, json, checked, profileOf);
    return { resources: checked, json };
  }

  /**
   * Recorded flows, holes and entity references below the scope, as {@link FLOW_TYPE},
   * {@link HOLE_TYPE} and {@link REFERENCE_TYPE} resources.
   */
  private collectFlows(stack: TerraformStack, json: StackJson, checked: CheckedResource[], profileOf: (node: IConstruct) => ProfileName): void {
    const below = (node: IConstruct) => node.node.scopes.includes(this.scope);
    const lookup: CheckedScope = {
      resources: [...checked],
      referencing: () => [],
      declares: () => false,
      get graph() {
        return TerraformGraph.of(json);
      },
    };
    const targetOf = (target: FlowTarget): string | undefined => {
      const resource = TerraformResource.isTerraformResource(target) ? target : typeof target === "object" ? target.resource : undefined;
      if (resource) return targetResource(`\${${addressOf(resource)}.id}`, lookup)?.address ?? addressOf(resource);
      return targetResource(resolveValue(stack, target), lookup)?.address;
    };
    const seen = new Map<string, number>();
    for (const flow of recordedFlows(stack).filter((f) => below(f.scope))) {
      const target = targetOf(flow.target);
      const key = `${flow.scope.node.path}->${target ?? "?"}:${flow.endpoint ?? ""}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const caller = flow.caller;
      const config = {
        caller: {
          runsIn: caller.runsIn,
          service: caller.service,
          resource: caller.resource ? addressOf(caller.resource) : undefined,
          egress: [...(caller.egress ?? [])].flatMap((e) => toStrings(resolveValue(stack, e))),
          identity: caller.identity,
        },
        target,
        endpoint: flow.endpoint,
        purpose: flow.purpose,
      };
      const address = `${FLOW_TYPE}.${key}${n > 1 ? `#${n}` : ""}`;
      checked.push({ type: FLOW_TYPE, address, path: flow.scope.node.path, config, profile: profileOf(flow.scope) });
    }
    for (const [i, hole] of recordedHoles(stack).filter((h) => below(h.scope)).entries()) {
      const config = { target: targetOf(hole.target), reason: hole.reason, callers: hole.callers };
      checked.push({ type: HOLE_TYPE, address: `${HOLE_TYPE}.${i}`, path: hole.scope.node.path, config, profile: profileOf(hole.scope) });
    }
    for (const [i, reference] of recordedEntityReferences(stack).filter((r) => below(r.scope)).entries()) {
      // An account or namespace the stack does not create (imported by name or id) has no address: the rule skips it.
      const { kind, name, topic, caller } = reference;
      const config = { kind, name, topic, parent: targetOf(reference.parent), caller };
      const address = `${REFERENCE_TYPE}.${i}`;
      checked.push({ type: REFERENCE_TYPE, address, path: reference.scope.node.path, config, profile: profileOf(reference.scope) });
    }
  }

  /**
   * Resolving every resource is most of a synth. cdktf's synthesizer asks for the stack's JSON
   * right after validation (only custom synthesis, which writes files, runs in between), so its
   * next `toTerraform()` call gets the JSON the rules just checked instead of resolving it again.
   * Later calls resolve as usual.
   */
  private handOffStackJson(): void {
    const json = this.stackJson;
    if (!json) return;
    this.stackJson = undefined;
    const stack = TerraformStack.of(this.scope);
    // Back to what was there after this one call: the prototype's method, or a wrapper such as the lock ordering's.
    const previous = Object.getOwnPropertyDescriptor(stack, "toTerraform");
    stack.toTerraform = () => {
      if (previous) Object.defineProperty(stack, "toTerraform", previous);
      else delete (stack as { toTerraform?: unknown }).toTerraform;
      return json;
    };
  }

  private suppressionFor(resource: CheckedResource, ruleId: string): PolicyFinding["suppressed"] {
    const node = this.scope.node.findAll().find((n) => n.node.path === resource.path);
    for (const scope of [...(node?.node.scopes ?? [])].reverse()) {
      const found = suppressionsOf(scope).find((s) => s.ruleId === ruleId);
      if (found) return { reason: found.reason, scope: scope.node.path };
    }
    return undefined;
  }
}

type StackJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, unknown>>;
  output?: Record<string, Record<string, unknown>>;
  variable?: Record<string, unknown>;
  locals?: Record<string, unknown>;
  module?: Record<string, unknown>;
};

/** Whether `rule` looks at resources (or outputs) of `type`; `"*"` means every resource and output, not data sources, flows, holes or references. */
export function appliesTo(rule: PolicyRule, type: string): boolean {
  if (rule.resourceTypes.includes(type)) return true;
  return rule.resourceTypes.includes("*") && !type.startsWith("data.") && ![FLOW_TYPE, HOLE_TYPE, REFERENCE_TYPE].includes(type);
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** One recorded value as the synthesized JSON would hold it (a few tokens, not a second resolve of the stack). */
function resolveValue(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: RESOLVER });
}

function addressOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** A resolved value as strings: a list's items, or the value itself (a literal or an interpolation). */
function toStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(toStrings);
  return typeof value === "string" ? [value] : value === undefined || value === null ? [] : [JSON.stringify(value)];
}

function declares(json: StackJson, reference: string): boolean {
  const [kind, name, third] = reference.split(".");
  if (kind === "var") return json.variable?.[name] !== undefined;
  if (kind === "local") return json.locals?.[name] !== undefined;
  if (kind === "module") return json.module?.[name] !== undefined;
  if (kind === "data") return json.data?.[name]?.[third] !== undefined;
  return json.resource?.[kind]?.[name] !== undefined;
}

function referencing(resources: readonly CheckedResource[], type: string, attribute: string, target: CheckedResource): CheckedResource[] {
  const ref = `\${${target.address}.id}`;
  return resources.filter((r) => {
    if (r.type !== type) return false;
    const value = valueAt(r.config, attribute);
    return typeof value === "string" && (value === ref || value.startsWith(`${ref}/`));
  });
}
