import { IConstruct } from "constructs";
import { TerraformResource, TerraformStack } from "cdktf";
import { IntegrationContext } from "./context";
import { invalid } from "./errors";

/**
 * Where a caller's requests start, which decides the paths it can take to a target:
 * - `multi-tenant`: Azure's shared infrastructure (Consumption Logic Apps managed connectors,
 *   Event Grid push delivery and dead-lettering, API Management outside a VNet, function apps
 *   without VNet integration): public endpoints only, admitted by service tag, IP or trusted service;
 * - `vnet`: a VNet of ours or a hub's (VNet-integrated apps, injected API Management, a private
 *   deployer): private endpoints, or public endpoints that admit it;
 * - `managed-vnet`: a Data Factory managed virtual network: managed private endpoints, or public endpoints;
 * - `on-premises`: a self-hosted runtime: private endpoints over VPN/ExpressRoute, or public endpoints;
 * - `internet`: a machine on the internet with known egress ranges (a public deployer): public endpoints.
 */
export type CallerNetwork = "multi-tenant" | "vnet" | "managed-vnet" | "on-premises" | "internet";

/** The service behind a caller: it names the service tag and the trusted-services exceptions that can admit it. */
export type CallerService = "AzureConnectors" | "EventGrid" | "ApiManagement" | "AppService" | "DataFactory" | "Deployer" | (string & {});

/** Who makes the calls of a flow. */
export interface FlowCaller {
  /**
   * Where the calls start. With `resource`, the policy pack derives it from the synthesized caller
   * instead (VNet integration of an app, API Management's VNet mode, a factory runtime's managed VNet),
   * so escape-hatch changes count.
   */
  readonly runsIn: CallerNetwork;
  /** @default none (no service tag or trusted-service exception applies) */
  readonly service?: CallerService;
  /** The caller's L1 (function app, API Management service, integration runtime, event subscription). @default none */
  readonly resource?: TerraformResource;
  /** Public CIDR ranges (literals or tokens) the calls come from; a target IP rule holding them admits the caller. @default none */
  readonly egress?: readonly string[];
  /**
   * The managed identity the caller authenticates with (trusted-service exceptions need one):
   * its type, or the attribute of `resource` whose `type` says it (e.g. `dead_letter_identity`).
   * @default none
   */
  readonly identity?: "SystemAssigned" | "UserAssigned" | { readonly attribute: string };
}

/** A target: its L1, a construct exposing it as `resource`, or a token of one of its attributes (e.g. an endpoint or id). */
export type FlowTarget = string | TerraformResource | { readonly resource: TerraformResource };

/** A connection a construct creates: caller, target and what the call is for. */
export interface FlowProps {
  readonly caller: FlowCaller;
  /** The target; a child's id (queue, container, trigger) stands for its parent resource. */
  readonly target: FlowTarget;
  /**
   * The private-link sub-resource the calls use (`blob`, `dfs`, `queue`, `table`, `namespace`, `Sql`, ...).
   * @default the target type's only one (e.g. `namespace` for Service Bus); required for storage accounts
   */
  readonly endpoint?: string;
  /** What the calls do, e.g. `servicebus connector: receive orders`. */
  readonly purpose: string;
}

/** A flow as recorded: the construct that makes the calls names it in messages and suppressions. */
export interface RecordedFlow extends FlowProps {
  readonly scope: IConstruct;
}

/** A public endpoint a construct keeps open on purpose for callers that cannot use a private endpoint. */
export interface RecordedHole {
  readonly scope: IConstruct;
  readonly target: FlowTarget;
  readonly reason: string;
  /** The callers the hole is for. @default every multi-tenant caller */
  readonly callers?: readonly CallerService[];
}

const FLOWS = new WeakMap<TerraformStack, RecordedFlow[]>();
const HOLES = new WeakMap<TerraformStack, RecordedHole[]>();

/**
 * Records a connection `scope` makes, so the policy pack (rule AIC-NET-010) can check at synth,
 * against the synthesized JSON, that the caller has a network path to the target:
 *
 * ```ts
 * recordFlow(this, { caller: { runsIn: "multi-tenant", service: "AzureConnectors" }, target: bus.resource, purpose: "servicebus connector" });
 * ```
 */
export function recordFlow(scope: IConstruct, props: FlowProps): void {
  if (props.purpose.trim() === "") invalid(scope, { field: "flow purpose", value: props.purpose, rule: "is empty", fix: "say what the calls do" });
  listOf(FLOWS, scope).push({ ...props, scope });
}

/**
 * Records that `scope` keeps the public endpoint of `target` open on purpose for multi-tenant
 * `callers` (all of them when left out), for `reason`: the Azure limit, e.g. "managed connectors
 * cannot use private endpoints". The reason appears in the policy report next to each such flow
 * that takes the public endpoint, and accepts the target's prod "public access off" finding as long
 * as one of them actually needs it.
 */
export function recordHole(scope: IConstruct, target: FlowTarget, reason: string, callers?: readonly CallerService[]): void {
  if (reason.trim().split(/\s+/).length < 5) {
    invalid(scope, {
      field: "hole reason",
      value: reason,
      rule: "is not a sentence explaining why",
      fix: "name the Azure limit that keeps the public endpoint open",
    });
  }
  listOf(HOLES, scope).push({ scope, target, reason: reason.trim(), ...(callers ? { callers: [...callers] } : {}) });
}

/**
 * Records a data-plane call `terraform apply` itself makes (uploading a package, writing a
 * secret), from the environment's deployer (see `deployerOf`): a `private` deployer runs in the VNet,
 * a `public` one on the internet from its `egressIpRanges`.
 */
export function recordDeployerFlow(scope: IConstruct, target: FlowTarget, props: { readonly endpoint?: string; readonly purpose: string }): void {
  // deployerOf's defaults, without its principal: that would add a client-config data source.
  const context = IntegrationContext.of(scope);
  const network = context.deployer?.network ?? (context.network ? "private" : "public");
  recordFlow(scope, {
    caller: { runsIn: network === "private" ? "vnet" : "internet", service: "Deployer", egress: [...(context.deployer?.egressIpRanges ?? [])] },
    target,
    ...props,
  });
}

/** The flows recorded under `stack`, in the order they were recorded. */
export function recordedFlows(stack: TerraformStack): readonly RecordedFlow[] {
  return FLOWS.get(stack) ?? [];
}

/** The holes recorded under `stack`. */
export function recordedHoles(stack: TerraformStack): readonly RecordedHole[] {
  return HOLES.get(stack) ?? [];
}

function listOf<T>(map: WeakMap<TerraformStack, T[]>, scope: IConstruct): T[] {
  const stack = TerraformStack.of(scope);
  const list = map.get(stack) ?? [];
  map.set(stack, list);
  return list;
}

/** The kind of a named child entity a caller uses: what must exist on its account or namespace. */
export type EntityKind = "blob container" | "storage queue" | "servicebus queue" | "servicebus topic" | "servicebus subscription";

/** A child entity (container, queue, topic, subscription) a caller names, on an account or namespace. */
export interface EntityReferenceProps {
  readonly kind: EntityKind;
  /** The entity's literal name (a subscription's own name for `servicebus subscription`). */
  readonly name: string;
  /** The topic of a `servicebus subscription`. @default none */
  readonly topic?: string;
  /** The storage account or Service Bus namespace: its L1, a construct exposing it, or a token of one of its attributes. */
  readonly parent: FlowTarget;
  /** Who names the entity, for the message, e.g. `function "archive" (blob output)`. */
  readonly caller: string;
}

/** A reference as recorded. */
export interface RecordedEntityReference extends EntityReferenceProps {
  readonly scope: IConstruct;
}

const REFERENCES = new WeakMap<TerraformStack, RecordedEntityReference[]>();

/**
 * Records that `scope` uses a named entity on an account or namespace (a binding's container or
 * queue, a trigger's topic subscription), so the policy pack (rule AIC-REF-001) can check against
 * the synthesized JSON that the stack creates it when it creates the parent.
 */
export function recordEntityReference(scope: IConstruct, props: EntityReferenceProps): void {
  listOf(REFERENCES, scope).push({ ...props, scope });
}

/** The entity references recorded under `stack`, in the order they were recorded. */
export function recordedEntityReferences(stack: TerraformStack): readonly RecordedEntityReference[] {
  return REFERENCES.get(stack) ?? [];
}
