import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRoleName, Grantee, grantRole } from "./grants";
import { IntegrationContext, IResourceGroup, ResolvedContext } from "./context";
import type { CustomerManagedKeyProp } from "./customer-managed-key";
import { DiagnosticsCapabilities, DiagnosticsOptions, addDiagnostics } from "./diagnostics";
import type { IdentityOptions } from "./identity";
import { LockOptions, addLock } from "./lock";
import { NetworkAccessOptions, ResolvedNetworkAccess, resolveNetworkAccess } from "./network-access";
import { PrivateEndpoint, PrivateEndpointOptions, PrivateLinkSubresource } from "./private-endpoint";
import { NameParts, resourceName, ResourceType } from "./naming";
import { checkLocation } from "./regions";
import { uniqueId } from "./unique-id";

/** Props every resource construct takes. */
export interface CommonResourceProps {
  /** Resource group to deploy into. @default the IntegrationContext's resource group */
  readonly resourceGroup?: IResourceGroup;
  /** Azure region. @default the resource group's location */
  readonly location?: string;
  /**
   * Resource name, validated against the Azure naming rule.
   * @default `<CAF abbreviation>-<namePrefix>-<construct id>`, plus a path-derived suffix for globally unique names
   */
  readonly name?: string;
  /** Tags on this construct's resources, merged over the environment's. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The standard kit, declared once: every construct whose service has these props takes them with
 * this meaning. A service that lacks one narrows the kit (`Omit<KitProps, "customerManagedKey">`);
 * what a service adds to a prop (its sub-resources, its tier limits, ForceNew effects) is said in
 * its props interface's doc, and its construct hands the specifics to {@link ResourceConstruct.wireKit}.
 */
export interface KitProps extends CommonResourceProps {
  /**
   * Managed identities of the resource; a customer-managed key's identity joins them.
   * @default system-assigned
   */
  readonly identity?: IdentityOptions;
  /**
   * Logs and metrics to Log Analytics; `false` opts out.
   * @default the IntegrationContext's destination, with what the service emits (allLogs + AllMetrics unless its construct says
   * otherwise); none without a destination
   */
  readonly diagnostics?: DiagnosticsOptions | false;
  /**
   * Private endpoints, one per private-link sub-resource the construct documents, in the same
   * subnet and with these options; `false` opts out.
   * @default in the IntegrationContext's network (the prod profile), if any; none otherwise
   */
  readonly privateEndpoint?: PrivateEndpointOptions | false;
  /**
   * A management lock on the main resource; `true` or options lock it, `false` does not.
   * @default the profile's locks (prod: `CanNotDelete`) on data stores; none on other services
   */
  readonly lock?: LockOptions | boolean;
  /**
   * Encryption at rest with a Key Vault key, where the service (and tier) has it; `{ optOut: reason }`
   * keeps Microsoft-managed keys and records the reason in the policy report.
   * @default the profile's customerManagedKeys (prod: the stack's key; dev: Microsoft-managed keys)
   */
  readonly customerManagedKey?: CustomerManagedKeyProp;
}

/** One private endpoint the kit creates: to one sub-resource of the construct's resource. */
export interface KitPrivateEndpoint {
  readonly subresource: PrivateLinkSubresource;
  /** Construct id of the endpoint (a Terraform address: never change it). @default "PrivateEndpoint" */
  readonly id?: string;
  /** DNS zone to register in. @default the sub-resource's zone in PRIVATE_DNS_ZONES */
  readonly privateDnsZone?: string;
  /** What the endpoint connects to, e.g. a database's server. @default the spec's resourceId */
  readonly targetResourceId?: string;
  /** Name the endpoint is named after. @default the spec's name */
  readonly ownerName?: string;
}

/** One diagnostic setting the kit creates. */
export interface KitDiagnostics {
  /** Construct id (a Terraform address: never change it). @default "Diagnostics" */
  readonly id?: string;
  /** What the setting reads. @default the spec's resourceId */
  readonly targetResourceId?: string;
  /** What the target emits. @default allLogs + AllMetrics */
  readonly capabilities?: DiagnosticsCapabilities;
  /** The target has no logs: the user's `logCategoryGroups` are not applied to it. @default false */
  readonly metricsOnly?: boolean;
}

/** What a construct tells {@link ResourceConstruct.wireKit} about its service. */
export interface KitSpec {
  /** Resource id of the main resource: the endpoints', diagnostics' and lock's target. */
  readonly resourceId: string;
  /** Its name: private endpoints and the lock are named after it. */
  readonly name: string;
  /** Private endpoints, created in this order; the first decides public access. @default none */
  readonly privateEndpoints?: readonly KitPrivateEndpoint[];
  /**
   * Applies the resolved public access to the resource (public access is off once the first
   * endpoint exists; a service with its own rule reads the endpoint instead). Called after the
   * endpoints, before diagnostics. @default public access is not resolved
   */
  readonly networkAccess?: (access: ResolvedNetworkAccess, privateEndpoint: PrivateEndpoint | undefined) => void;
  /** Diagnostic settings, created in this order. @default one setting on the resource, allLogs + AllMetrics */
  readonly diagnostics?: readonly KitDiagnostics[];
  /** Runs after the diagnostic settings, before the lock (e.g. SQL's auditing, which needs the setting). @default nothing */
  readonly afterDiagnostics?: (diagnostics: Readonly<Record<string, MonitorDiagnosticSetting | undefined>>) => void;
  /** A data store follows the profile's locks when `lock` is left out; any other service is locked only when asked. */
  readonly dataStore: boolean;
}

/** What {@link ResourceConstruct.wireKit} created. */
export interface WiredKit {
  /** By sub-resource; absent where no endpoint was created (dev, `false`). */
  readonly privateEndpoints: { readonly [S in PrivateLinkSubresource]?: PrivateEndpoint };
  /** The endpoint of the first sub-resource listed. */
  readonly privateEndpoint?: PrivateEndpoint;
  readonly access?: ResolvedNetworkAccess;
  /** By construct id; absent where no setting was created. */
  readonly diagnostics: Readonly<Record<string, MonitorDiagnosticSetting | undefined>>;
  readonly lock?: ManagementLock;
}

/**
 * Base of the L2 constructs: resolves the resource group, location, tags and context once, and
 * names resources by the shared naming rules.
 */
export abstract class ResourceConstruct extends Construct {
  /** Resource id of the construct's main resource. */
  public abstract readonly id: string;
  public readonly resourceGroup: IResourceGroup;
  public readonly location: string;
  protected readonly context: ResolvedContext;
  protected readonly tags: Record<string, string> | undefined;

  protected constructor(scope: Construct, id: string, props: CommonResourceProps) {
    super(scope, uniqueId(scope, id));
    this.context = IntegrationContext.of(this);
    this.resourceGroup = IntegrationContext.resourceGroup(this, props.resourceGroup);
    if (props.location !== undefined) checkLocation(this, props.location);
    this.location = props.location ?? this.resourceGroup.location;
    this.tags = props.tags ? { ...props.tags } : undefined;
  }

  /**
   * Grants any role (built-in or custom, by name) on the main resource: the generic form of the
   * named grants, which say the least-privilege role for each use. Returns the role assignment.
   */
  public grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment {
    return grantRole(this, this.id, role, grantee);
  }

  /** The user's name (validated) or a generated one for this construct, with the context's prefix. */
  protected nameFor(type: ResourceType, userName: string | undefined, parts: Omit<NameParts, "prefix"> = {}): string {
    return resourceName(this, type, userName, { prefix: this.context.namePrefix, ...parts });
  }

  /**
   * Wires the kit once the resource exists, in this order (construct ids and order are Terraform
   * addresses and plan order): the private endpoints, public access (`spec.networkAccess`), the
   * diagnostic settings (then `spec.afterDiagnostics`), the lock.
   */
  protected wireKit(props: KitProps & NetworkAccessOptions, spec: KitSpec): WiredKit {
    const privateEndpoints: { [S in PrivateLinkSubresource]?: PrivateEndpoint } = {};
    for (const endpoint of spec.privateEndpoints ?? []) {
      const target = endpoint.targetResourceId ?? spec.resourceId;
      privateEndpoints[endpoint.subresource] = this.kitPrivateEndpoint(props.privateEndpoint, target, endpoint.ownerName ?? spec.name, endpoint);
    }
    const first = spec.privateEndpoints?.[0] && privateEndpoints[spec.privateEndpoints[0].subresource];
    let access: ResolvedNetworkAccess | undefined;
    if (spec.networkAccess) {
      access = resolveNetworkAccess(this.context, props, first !== undefined);
      spec.networkAccess(access, first);
    }
    const diagnostics: Record<string, MonitorDiagnosticSetting | undefined> = {};
    for (const setting of spec.diagnostics ?? [{}]) {
      const options = setting.metricsOnly && props.diagnostics !== false ? { ...props.diagnostics, logCategoryGroups: [] } : props.diagnostics;
      const id = setting.id ?? "Diagnostics";
      diagnostics[id] = addDiagnostics(this, id, setting.targetResourceId ?? spec.resourceId, options, setting.capabilities);
    }
    spec.afterDiagnostics?.(diagnostics);
    const lock = addLock(this, spec.resourceId, spec.name, spec.dataStore ? props.lock : (props.lock ?? false));
    return { privateEndpoints, privateEndpoint: first, access, diagnostics, lock };
  }

  /** One private endpoint of the kit, also for sub-resources that appear later (a storage account's first queue). */
  protected kitPrivateEndpoint(
    options: PrivateEndpointOptions | false | undefined,
    resourceId: string,
    name: string,
    endpoint: KitPrivateEndpoint,
  ): PrivateEndpoint | undefined {
    return PrivateEndpoint.forResource(
      this,
      endpoint.id ?? "PrivateEndpoint",
      {
        ownerName: name,
        resourceGroup: this.resourceGroup,
        location: this.location,
        targetResourceId: resourceId,
        subresource: endpoint.subresource,
        privateDnsZone: endpoint.privateDnsZone,
        tags: this.tags,
      },
      options,
    );
  }
}
