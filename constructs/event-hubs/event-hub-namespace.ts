import { Construct } from "constructs";
import { EventhubNamespace } from "@cdktf/provider-azurerm/lib/eventhub-namespace";
import { EventhubNamespaceCustomerManagedKey } from "@cdktf/provider-azurerm/lib/eventhub-namespace-customer-managed-key";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { IResourceGroup } from "../core/context";
import { ResolvedCustomerManagedKey, withKeyIdentity } from "../core/customer-managed-key";
import { addDependency } from "../core/depends-on";
import { invalid, isUnresolved } from "../core/errors";
import { ResourceConstructBase, withMessagingGrants } from "../core/data-grants";
import { IPrincipal } from "../core/grants";
import { IdentityOptions, identityBlock, identityPrincipal } from "../core/identity";
import { validateName } from "../core/naming";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint } from "../core/private-endpoint";
import { KitProps, WiredKit } from "../core/resource-construct";
import { premiumTierKey } from "../core/tier-key";
import { stackEncryptionKey } from "../key-vault";
import { EventHub, EventHubOptions } from "./event-hub";
import { IEventHubNamespace, ImportedEventHubNamespace, fullyQualifiedNamespace, EVENT_HUBS_ROLES } from "./namespace-ref";
import { EventHubsSku, TIER_LIMITS } from "./tiers";

/**
 * The kit as Event Hubs has it: the private endpoint is the `namespace` sub-resource (zone
 * privatelink.servicebus.windows.net), not available on Basic; the lock follows the profile (a data
 * store). `customerManagedKey` is Premium only (Dedicated namespaces are not built here), with
 * infrastructure encryption, through an `azurerm_eventhub_namespace_customer_managed_key` created
 * before any event hub; infrastructure encryption is ForceNew on that resource. Its default is the
 * profile's customerManagedKeys on Premium, Microsoft-managed keys otherwise.
 */
export interface EventHubNamespaceProps extends KitProps, NetworkAccessOptions {
  /**
   * Tier. Standard covers private endpoints, the IP firewall, capture, 7-day retention and
   * auto-inflate; Premium adds reserved capacity, 90-day retention and up to 100 partitions;
   * Basic has none of these (no private endpoint, firewall, consumer groups or capture).
   * Azure makes new namespaces zone-redundant in regions with availability zones, so prod needs
   * no other tier for it (`zone_redundant` is read-only in azurerm 4.x). A move to or from
   * Premium replaces the namespace.
   * @default "Standard"
   */
  readonly sku?: EventHubsSku;
  /** Throughput units (Basic/Standard 1-40) or processing units (Premium 1, 2, 4, 8 or 16). @default 1 */
  readonly capacity?: number;
  /** Raise throughput units with load, up to `maximumThroughputUnits` (Standard only). @default false */
  readonly autoInflateEnabled?: boolean;
  /** Ceiling for auto-inflate (1-40, at least `capacity`); requires `autoInflateEnabled`. @default none */
  readonly maximumThroughputUnits?: number;
  /** Let trusted Azure services (e.g. Azure Monitor, Stream Analytics) through the firewall. @default true */
  readonly trustedServiceAccess?: boolean;
  /** Event hubs to create with the namespace; more via {@link EventHubNamespace.addEventHub}. @default none */
  readonly eventHubs?: Readonly<Record<string, EventHubOptions>>;
}

/**
 * An Event Hubs namespace that only accepts Entra ID (SAS keys off) over TLS 1.2, with a
 * system-assigned identity, a deny-by-default firewall and, with a private endpoint, no public
 * access. Event hubs are added with {@link EventHubNamespace.addEventHub}; access is granted with
 * the `grant*` methods here (every event hub) or on an {@link EventHub} (one). Clients connect
 * with an identity to {@link EventHubNamespace.fullyQualifiedNamespace}. Every other L1 setting is
 * reachable through {@link EventHubNamespace.resource}.
 */
export class EventHubNamespace extends withMessagingGrants(ResourceConstructBase, EVENT_HUBS_ROLES) implements IEventHubNamespace {
  /** An existing namespace by resource id; a literal id is checked, a token one is split at deploy time. */
  public static fromId(scope: Construct, id: string, namespaceId: string): IEventHubNamespace {
    return new ImportedEventHubNamespace(scope, id, namespaceId);
  }

  /** An existing namespace by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IEventHubNamespace {
    return new ImportedEventHubNamespace(scope, id, { name, resourceGroup });
  }

  public readonly resource: EventhubNamespace;
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  /** `<name>.servicebus.windows.net`, the host identity-based clients connect to. */
  public readonly fullyQualifiedNamespace: string;
  public readonly sku: EventHubsSku;
  public readonly capacity: number;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  /** Event hubs by name. */
  public readonly eventHubs: ReadonlyMap<string, EventHub>;
  /** The key, identity and role that encrypt the namespace; undefined with Microsoft-managed keys. */
  public readonly customerManagedKey?: ResolvedCustomerManagedKey;
  /** The namespace's encryption setting, present with {@link customerManagedKey}. */
  public readonly encryption?: EventhubNamespaceCustomerManagedKey;

  private readonly hubMap = new Map<string, EventHub>();
  /** The namespace's identities, with the customer-managed key's. */
  private readonly identityOptions: IdentityOptions | undefined;

  constructor(scope: Construct, id: string, props: EventHubNamespaceProps = {}) {
    super(scope, id, props);
    this.sku = props.sku ?? "Standard";
    this.capacity = props.capacity ?? 1;
    this.eventHubs = this.hubMap;
    this.validateCapacity();
    this.validateAutoInflate(props);
    const name = this.nameFor("eventHubNamespace", props.name);
    this.customerManagedKey = premiumTierKey(this, props.customerManagedKey, {
      ruleId: "AIC-CMK-004",
      tier: this.sku,
      premium: 'sku "Premium" (or a Dedicated cluster)',
      defaultKey: () => stackEncryptionKey(this),
    });
    this.identityOptions = withKeyIdentity(props.identity, this.customerManagedKey);

    this.resource = this.createNamespace(name, props);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.resourceGroupName = this.resource.resourceGroupName;
    this.encryption = this.encryptWith(this.customerManagedKey);
    this.fullyQualifiedNamespace = fullyQualifiedNamespace(this.name);

    if (this.sku === "Basic") this.rejectPrivateNetworking(props);
    const kit = this.wireNamespaceKit(name, props);
    this.privateEndpoint = kit.privateEndpoint;
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;

    for (const [hubName, options] of Object.entries(props.eventHubs ?? {})) this.addEventHub(hubName, options);
  }

  /**
   * The namespace's identity, e.g. for `storage.grantBlobWrite(namespace.principal, container)` ahead of
   * identity-based capture: the system-assigned one, else the first user-assigned one (the
   * customer-managed key's when only it is given); an error without either.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  /** Adds an event hub; see {@link EventHubOptions} for partitions, retention, consumer groups and capture. */
  public addEventHub(name: string, options: EventHubOptions = {}): EventHub {
    validateName(this, "eventHub", name, "event hub name");
    if (this.hubMap.has(name)) {
      invalid(this, { field: "event hub name", value: name, rule: "is already defined on this namespace", fix: "add each event hub once" });
    }
    // Premium's limit is per processing unit.
    const max = TIER_LIMITS[this.sku].maxEventHubs * (this.sku === "Premium" ? this.capacity : 1);
    if (!isUnresolved(this.capacity) && this.hubMap.size >= max) {
      invalid(this, {
        field: "event hub name",
        value: name,
        rule: `would exceed the ${max} event hubs a ${this.sku} ` +
          `namespace${this.sku === "Premium" ? ` with ${this.capacity} processing units` : ""} holds`,
        fix: "spread event hubs over more namespaces or use a higher tier or capacity",
      });
    }
    const hub = new EventHub(this, `EventHub-${name}`, {
      ...options,
      name,
      namespace: { id: this.id, name: this.name, resourceGroupName: this.resourceGroupName, sku: this.sku },
    });
    // Data lands encrypted with the key from the first event.
    if (this.encryption) addDependency(hub.resource, this.encryption);
    this.hubMap.set(name, hub);
    return hub;
  }

  /** The namespace: Entra ID only (SAS keys off), TLS 1.2, its identities. */
  private createNamespace(name: string, props: EventHubNamespaceProps): EventhubNamespace {
    return new EventhubNamespace(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      sku: this.sku,
      capacity: this.capacity,
      autoInflateEnabled: props.autoInflateEnabled ?? false,
      maximumThroughputUnits: props.maximumThroughputUnits,
      localAuthenticationEnabled: false,
      minimumTlsVersion: "1.2",
      identity: identityBlock(this.identityOptions),
      tags: this.tags,
    });
  }

  /** The key setting, created before any event hub (see {@link addEventHub}); none with Microsoft-managed keys. */
  private encryptWith(cmk: ResolvedCustomerManagedKey | undefined): EventhubNamespaceCustomerManagedKey | undefined {
    if (!cmk) return undefined;
    // The versionless id follows rotation (https://learn.microsoft.com/azure/event-hubs/configure-customer-managed-key);
    // the identity must be on the namespace (azurerm @v4.55.0:internal/services/eventhub/eventhub_namespace_customer_managed_key_resource.go).
    return new EventhubNamespaceCustomerManagedKey(this, "CustomerManagedKey", {
      eventhubNamespaceId: this.id,
      keyVaultKeyIds: [cmk.key.versionlessKeyId],
      userAssignedIdentityId: cmk.identity.id,
      infrastructureEncryptionEnabled: cmk.infrastructureEncryption,
      dependsOn: [cmk.ready],
    });
  }

  /** The endpoint needs the namespace id, and public access depends on whether an endpoint exists. */
  private wireNamespaceKit(name: string, props: EventHubNamespaceProps): WiredKit {
    return this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: [{ subresource: "namespace" }],
      networkAccess: (access) => {
        this.resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
        // azurerm rejects network_rulesets on Basic, and requires the rule set's public access flag to match the namespace's.
        if (this.sku === "Basic") return;
        this.resource.putNetworkRulesets([
          {
            defaultAction: access.defaultAction,
            publicNetworkAccessEnabled: access.publicNetworkAccessEnabled,
            trustedServiceAccessEnabled: props.trustedServiceAccess ?? true,
            ipRule: access.ipRules.map((ipMask) => ({ ipMask, action: "Allow" })),
          },
        ]);
      },
      dataStore: true,
    });
  }

  private validateCapacity(): void {
    if (isUnresolved(this.capacity)) return;
    const limits = TIER_LIMITS[this.sku];
    if (!limits.capacities.includes(this.capacity)) {
      invalid(this, {
        field: "capacity",
        value: this.capacity,
        rule: `is not ${limits.capacityRule} (the ${this.sku} tier's range)`,
        fix: `set capacity to ${limits.capacityRule}`,
      });
    }
  }

  private validateAutoInflate(props: EventHubNamespaceProps): void {
    const enabled = props.autoInflateEnabled ?? false;
    const maximum = props.maximumThroughputUnits;
    if (enabled && !TIER_LIMITS[this.sku].autoInflate) {
      invalid(this, {
        field: "autoInflateEnabled",
        value: true,
        rule: `is not available on the ${this.sku} tier`,
        fix: this.sku === "Premium" ? "scale Premium by its capacity (processing units) instead" : 'use sku "Standard" or drop autoInflateEnabled',
      });
    }
    if (!enabled && maximum !== undefined) {
      invalid(this, {
        field: "maximumThroughputUnits",
        value: maximum,
        rule: "only applies with auto-inflate",
        fix: "set autoInflateEnabled: true or drop maximumThroughputUnits",
      });
    }
    if (!enabled || isUnresolved(maximum)) return;
    if (maximum === undefined) {
      invalid(this, {
        field: "maximumThroughputUnits",
        rule: "is required with autoInflateEnabled",
        fix: "set maximumThroughputUnits to the ceiling auto-inflate may reach (1-40)",
      });
    }
    if (!Number.isInteger(maximum) || maximum < 1 || maximum > 40) {
      invalid(this, {
        field: "maximumThroughputUnits",
        value: maximum,
        rule: "is not a whole number from 1 to 40",
        fix: "set maximumThroughputUnits to 1-40 (the range Azure allows)",
      });
    }
    if (!isUnresolved(this.capacity) && maximum < this.capacity) {
      invalid(this, {
        field: "maximumThroughputUnits",
        value: maximum,
        rule: `is below capacity ${this.capacity}`,
        fix: "set maximumThroughputUnits to at least capacity, or lower capacity",
      });
    }
  }

  /** Basic has no private endpoints and no IP firewall: fail rather than deploy something other than what was asked for. */
  private rejectPrivateNetworking(props: EventHubNamespaceProps): void {
    const wantsEndpoint = props.privateEndpoint !== false &&
      (props.privateEndpoint?.subnetId ?? this.context.network?.privateEndpointSubnetId) !== undefined;
    if (wantsEndpoint) {
      invalid(this, {
        field: "sku",
        value: this.sku,
        rule: "has no private endpoints",
        fix: 'use sku "Standard" or "Premium", or set privateEndpoint: false',
      });
    }
    if (props.allowedIpRanges !== undefined || props.firewallDefaultAction !== undefined) {
      invalid(this, {
        field: "sku",
        value: this.sku,
        rule: "has no IP firewall",
        fix: 'use sku "Standard" or "Premium", or drop allowedIpRanges and firewallDefaultAction',
      });
    }
  }
}
