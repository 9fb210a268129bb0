import { IConstruct } from "constructs";
import { EventgridDomain } from "@cdktf/provider-azurerm/lib/eventgrid-domain";
import { EventgridTopic } from "@cdktf/provider-azurerm/lib/eventgrid-topic";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { DiagnosticsOptions, addDiagnostics } from "../core/diagnostics";
import { IntegrationContext } from "../core/context";
import { invalid, isUnresolved } from "../core/errors";
import { IdentityOptions, identityBlock } from "../core/identity";
import { LockOptions, addLock } from "../core/lock";
import { NetworkAccessOptions, resolveNetworkAccess } from "../core/network-access";
import { PrivateEndpoint, PrivateEndpointOptions } from "../core/private-endpoint";
import { CommonResourceProps, ResourceConstruct } from "../core/resource-construct";
import { parseCidr } from "../network/ipv4";
import { EventGridInputSchema } from "./schemas";
import { SourceIdentities } from "./source";

/**
 * Props shared by custom topics and domains. Event Grid has no firewall default action: with
 * public access on and no `allowedIpRanges` every address may connect (still only with an Entra
 * token, local auth being off); listing ranges admits only those.
 */
export interface EventGridPublisherProps extends CommonResourceProps, Omit<NetworkAccessOptions, "firewallDefaultAction"> {
  /**
   * Schema publishers send. Changing it replaces the resource (ForceNew): a new endpoint, and
   * every subscription recreated.
   * @default "EventGridSchema"
   */
  readonly inputSchema?: EventGridInputSchema;
  /** Accept access keys and SAS tokens besides Entra ID. @default false */
  readonly localAuthEnabled?: boolean;
  /**
   * Managed identity used to deliver events. Event Grid takes a system-assigned identity or up to
   * two user-assigned ones, not both.
   * @default system-assigned; user-assigned only when `userAssigned` is given
   */
  readonly identity?: IdentityOptions;
  /** Logs (publish and delivery failures) and metrics to Log Analytics; `false` opts out. @default the IntegrationContext's destination */
  readonly diagnostics?: DiagnosticsOptions | false;
  /** Private endpoint; `false` opts out. @default one in the IntegrationContext's network, if any */
  readonly privateEndpoint?: PrivateEndpointOptions | false;
  /**
   * `CanNotDelete` lock. Off by default: a topic holds no data at rest (only events in retry,
   * at most 24 hours) and is recreated from code.
   * @default false
   */
  readonly lock?: LockOptions | boolean;
}

/** At most 128 inbound IP rules per topic or domain (azurerm schema). */
const MAX_IP_RULES = 128;

/** The identity block of a topic or domain, and what subscriptions may use of it. */
export function publisherIdentity(
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
export function inboundIpRules(scope: IConstruct, ranges: readonly string[]): { ipMask: string; action: string }[] {
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
      invalid(scope, { field: "allowedIpRanges", value: range, rule: "is not an IPv4 address or CIDR range", fix: 'write addresses as "203.0.113.7" or ranges as "198.51.100.0/24"' });
    }
  }
  return ranges.map((ipMask) => ({ ipMask, action: "Allow" }));
}

/** The standard kit a topic or domain gets once its L1 exists. */
export interface HardenedPublisher {
  readonly privateEndpoint?: PrivateEndpoint;
  readonly diagnostics?: MonitorDiagnosticSetting;
  readonly lock?: ManagementLock;
}

/**
 * Private endpoint (sub-resource `topic` or `domain`), public access off once it exists, inbound
 * IP rules, diagnostics and the opt-in lock of a topic or domain.
 */
export function hardenPublisher(
  owner: ResourceConstruct & { readonly id: string },
  resource: EventgridTopic | EventgridDomain,
  name: string,
  subresource: "topic" | "domain",
  tags: Record<string, string> | undefined,
  props: EventGridPublisherProps,
): HardenedPublisher {
  const privateEndpoint = PrivateEndpoint.forResource(
    owner,
    "PrivateEndpoint",
    { ownerName: name, resourceGroup: owner.resourceGroup, location: owner.location, targetResourceId: owner.id, subresource, tags },
    props.privateEndpoint,
  );
  const access = resolveNetworkAccess(IntegrationContext.of(owner), props, privateEndpoint !== undefined);
  resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
  resource.putInboundIpRule(inboundIpRules(owner, access.ipRules));
  return {
    privateEndpoint,
    diagnostics: addDiagnostics(owner, "Diagnostics", owner.id, props.diagnostics),
    lock: addLock(owner, owner.id, name, props.lock ?? false),
  };
}
