import type { DeployerPosition } from "../constructs/core/deployer";
import { ProfileName } from "../constructs/core/profiles";
import { TerraformGraph } from "../constructs/core/terraform-graph";

/** Synthesized Terraform JSON of one resource: snake_case keys, references as `${type.name.attr}`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResourceConfig = Record<string, any>;

/** The type of a recorded flow (`recordFlow`) as the rules see it: no Terraform block, a connection between two. */
export const FLOW_TYPE = "aic_flow";
/** The type of a recorded hole (`recordHole`): a public endpoint kept open on purpose. */
export const HOLE_TYPE = "aic_hole";
/** The type of a recorded entity reference (`recordEntityReference`): a caller naming a container, queue, topic or subscription. */
export const REFERENCE_TYPE = "aic_reference";

/**
 * A resource (or output, data source, recorded flow or hole) as the rules see it, after aspects,
 * escape hatches and overrides.
 */
export interface CheckedResource {
  /**
   * Terraform type, e.g. `azurerm_storage_account`; outputs are `terraform_output`, data sources
   * `data.<type>`, flows {@link FLOW_TYPE}, holes {@link HOLE_TYPE} and entity references {@link REFERENCE_TYPE}.
   */
  readonly type: string;
  /** Terraform address, e.g. `azurerm_storage_account.Data_666C94C7` (`data.<type>.<name>` for data sources). */
  readonly address: string;
  /** Construct path, e.g. `event-driven-prod/Ingest/Resource`. */
  readonly path: string;
  readonly config: ResourceConfig;
  /** Profile in force where the resource is defined. */
  readonly profile: ProfileName;
}

/** Everything in the scope the pack checks, for rules that look across resources. */
export interface CheckedScope {
  readonly resources: readonly CheckedResource[];
  /** Resources of `type` whose attribute at `path` refers to `target` (its `id`, or a child of it). */
  referencing(type: string, path: string, target: CheckedResource): CheckedResource[];
  /**
   * Whether the stack declares what a reference names: `azurerm_x.name`, `data.azurerm_x.name`,
   * `var.name`, `local.name` or `module.name`.
   */
  declares(reference: string): boolean;
  /**
   * Who runs the apply and from where (the IntegrationContext's deployer of the checked scope).
   * @default a public deployer without egress ranges: the principal Terraform runs as
   */
  readonly deployer?: DeployerPosition;
  /** The dependency graph of the whole stack's JSON (built on first use). */
  readonly graph: TerraformGraph;
}

export type PolicyLevel = "error" | "warning";

/** One rule of the pack: data plus a check over the final resource JSON. */
export interface PolicyRule {
  /** Stable id, e.g. `AIC-ST-001`; suppressions name it. */
  readonly id: string;
  readonly level: PolicyLevel;
  /** The Terraform resource types the rule applies to (`terraform_output` for outputs); `"*"` for all. */
  readonly resourceTypes: readonly string[];
  /** What must hold, as a sentence. */
  readonly title: string;
  /** How to comply, naming our construct prop where there is one. */
  readonly remediation: string;
  /** Only in these profiles. @default every profile */
  readonly profiles?: readonly ProfileName[];
  /** True when the resource complies. Values unknown until deploy (tokens) count as compliant. */
  readonly check: (resource: CheckedResource, scope: CheckedScope) => boolean;
  /** The remediation of one finding, from the resource's actual state. @default `remediation` */
  readonly remediationFor?: (resource: CheckedResource, scope: CheckedScope) => string;
  /**
   * The rule asks for a public endpoint to be closed: a hole recorded on the resource
   * (`recordHole`) accepts its findings with the hole's reason while a multi-tenant caller needs
   * the endpoint. @default false
   */
  readonly closesPublicEndpoint?: boolean;
}

/** A rule a resource does not satisfy. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly level: PolicyLevel;
  readonly title: string;
  readonly remediation: string;
  readonly resourceType: string;
  readonly address: string;
  readonly path: string;
  /** Present when a suppression with a reason covers the finding. */
  readonly suppressed?: { readonly reason: string; readonly scope: string };
}
