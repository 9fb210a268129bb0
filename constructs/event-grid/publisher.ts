import { Construct, IConstruct } from "constructs";
import { EventgridDomain } from "@cdktf/provider-azurerm/lib/eventgrid-domain";
import { EventgridTopic } from "@cdktf/provider-azurerm/lib/eventgrid-topic";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { invalid, isUnresolved } from "../core/errors";
import { ResourceConstructBase } from "../core/data-grants";
import { IPrincipal } from "../core/grants";
import { IdentityOptions, identityBlock, identityPrincipal } from "../core/identity";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint } from "../core/private-endpoint";
import { KitProps } from "../core/resource-construct";
import { parseCidr } from "../core/ipv4";
import { EventGridSubscription, EventSubscriptionOptions, addSubscriptionTo } from "./event-subscription";
import { IEventGridPublisher, withPublishGrant } from "./imported";
import { EventGridInputSchema, validateSchema } from "./schemas";
import { SourceIdentities, SubscriptionTarget } from "./source";

/**
 * Props shared by custom topics and domains: the kit without `customerManagedKey`. Event Grid has
 * no firewall default action: with public access on and no `allowedIpRanges` every address may
 * connect (still only with an Entra token, local auth being off); listing ranges admits only those.
 * `identity` delivers events: Event Grid takes a system-assigned identity or up to two
 * user-assigned ones, not both (system-assigned by default, user-assigned only when `userAssigned`
 * is given). The private endpoint is the `topic` or `domain` sub-resource; diagnostics send
 * publish and delivery failures. The lock is off by default: a topic holds no data at rest (only
 * events in retry, at most 24 hours) and is recreated from code.
 */
export interface EventGridPublisherProps extends Omit<KitProps, "customerManagedKey">, Omit<NetworkAccessOptions, "firewallDefaultAction"> {
  /**
   * Schema publishers send. Changing it replaces the resource (ForceNew): a new endpoint, and
   * every subscription recreated.
   * @default "EventGridSchema"
   */
  readonly inputSchema?: EventGridInputSchema;
  /** Accept access keys and SAS tokens besides Entra ID. @default false */
  readonly localAuthEnabled?: boolean;
}

/** At most 128 inbound IP rules per topic or domain (azurerm schema). */
const MAX_IP_RULES = 128;

/** The identity block of a topic or domain, and what subscriptions may use of it. */
function publisherIdentity(
  scope: IConstruct,
  options: IdentityOptions | undefined,
): { block: ReturnType<typeof identityBlock>; systemAssigned: boolean; userAssigned: SourceIdentities["userAssigned"] } {
  const userAssigned = options?.userAssigned ?? [];
  const systemAssigned = options?.systemAssigned ?? userAssigned.length === 0;
  if (systemAssigned && userAssigned.length > 0) {
    invalid(scope, {
      field: "identity",
      value: "SystemAssigned, UserAssigned",
      rule: "is not supported: Event Grid topics and domains take either a system-assigned identity or user-assigned ones, not both",
      fix: "set identity.systemAssigned: false to use the user-assigned identities",
    });
  }
  if (userAssigned.length > 2) {
    invalid(scope, {
      field: "identity.userAssigned",
      rule: `has ${userAssigned.length} identities; a topic or domain takes at most 2`,
      fix: "assign one or two user-assigned identities",
    });
  }
  return { block: identityBlock({ systemAssigned, userAssigned }), systemAssigned, userAssigned };
}

/** `inbound_ip_rule` blocks for public IPv4 addresses or CIDR ranges; tokens pass unchecked. */
function inboundIpRules(scope: IConstruct, ranges: readonly string[]): { ipMask: string; action: string }[] {
  if (ranges.length > MAX_IP_RULES) {
    invalid(scope, {
      field: "allowedIpRanges",
      rule: `has ${ranges.length} entries; Event Grid takes at most ${MAX_IP_RULES} IP rules`,
      fix: "merge ranges into wider CIDR blocks",
    });
  }
  for (const range of ranges) {
    if (isUnresolved(range)) continue;
    if (!parseCidr(range.includes("/") ? range : `${range}/32`)) {
      invalid(scope, {
        field: "allowedIpRanges",
        value: range,
        rule: "is not an IPv4 address or CIDR range",
        fix: 'write addresses as "203.0.113.7" or ranges as "198.51.100.0/24"',
      });
    }
  }
  return ranges.map((ipMask) => ({ ipMask, action: "Allow" }));
}

/** The settings a topic and a domain share, for the subclass to create its L1 with. */
export interface EventGridPublisherConfig {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly inputSchema: EventGridInputSchema;
  readonly localAuthEnabled: boolean;
  readonly identity: ReturnType<typeof identityBlock>;
  readonly tags: Record<string, string> | undefined;
}

/**
 * What {@link EventGridTopic} and {@link EventGridDomain} share: Entra ID only (local auth off),
 * a managed identity for delivery, a private endpoint (sub-resource `topic` or `domain`) with
 * public access off once it exists, inbound IP rules, diagnostics and the opt-in lock, plus
 * subscriptions and publish grants. Every other L1 setting is reachable through `resource`.
 */
export abstract class EventGridPublisherBase<R extends EventgridTopic | EventgridDomain>
  extends withPublishGrant(ResourceConstructBase)
  implements IEventGridPublisher {
  public readonly resource: R;
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  /** Publishing endpoint (a domain's serves every topic of the domain), e.g. `https://evgt-x.westeurope-1.eventgrid.azure.net/api/events`. */
  public readonly endpoint: string;
  public readonly inputSchema: EventGridInputSchema;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  public readonly subscriptionTarget: SubscriptionTarget;

  /** The identities, as resolved (system-assigned by default only without user-assigned ones). */
  private readonly identityOptions: IdentityOptions;

  /** `create` makes the L1 (construct id `Resource`) under `scope` from the shared settings. */
  protected constructor(
    scope: Construct,
    id: string,
    props: EventGridPublisherProps,
    kind: "topic" | "domain",
    create: (scope: Construct, config: EventGridPublisherConfig) => R,
  ) {
    super(scope, id, props);
    this.inputSchema = props.inputSchema ?? "EventGridSchema";
    validateSchema(this, "inputSchema", this.inputSchema);
    const identity = publisherIdentity(this, props.identity);
    this.identityOptions = { systemAssigned: identity.systemAssigned, userAssigned: props.identity?.userAssigned };
    const name = this.nameFor(kind === "topic" ? "eventGridTopic" : "eventGridDomain", props.name);

    this.resource = create(this, {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      inputSchema: this.inputSchema,
      localAuthEnabled: props.localAuthEnabled ?? false,
      identity: identity.block,
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.resourceGroupName = this.resourceGroup.name;
    this.endpoint = this.resource.endpoint;

    const kit = this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: [{ subresource: kind }],
      networkAccess: (access) => {
        this.resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
        this.resource.putInboundIpRule(inboundIpRules(this, access.ipRules));
      },
      dataStore: false,
    });
    this.privateEndpoint = kit.privateEndpoint;
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;

    const principalId = identity.systemAssigned ? this.resource.identity.principalId : undefined;
    this.subscriptionTarget = {
      kind,
      inputSchema: this.inputSchema,
      identities: { systemAssignedPrincipalId: principalId, userAssigned: identity.userAssigned },
      identityOwner: this,
    };
  }

  /**
   * The identity events are delivered with, to grant it roles elsewhere: the system-assigned one,
   * else the first user-assigned one; an error without either.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  /** Adds event subscription `name` (the Azure name; construct id `Subscription-<name>`); on a domain it gets the events of every topic. */
  public addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription {
    return addSubscriptionTo(this, name, options);
  }
}
