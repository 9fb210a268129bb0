import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { ServicebusNamespace } from "@cdktf/provider-azurerm/lib/servicebus-namespace";
import { ServicebusNamespaceDisasterRecoveryConfig } from "@cdktf/provider-azurerm/lib/servicebus-namespace-disaster-recovery-config";
import { IntegrationContext, IResourceGroup } from "../core/context";
import { ResolvedCustomerManagedKey, dependOnKey, withKeyIdentity } from "../core/customer-managed-key";
import { invalid } from "../core/errors";
import { ResourceConstructBase, withMessagingGrants } from "../core/data-grants";
import { IPrincipal } from "../core/grants";
import { IdentityOptions, identityBlock, identityPrincipal } from "../core/identity";
import { resourceName, validateName } from "../core/naming";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint } from "../core/private-endpoint";
import { KitProps, WiredKit } from "../core/resource-construct";
import { premiumTierKey } from "../core/tier-key";
import { resourceIdOf } from "../core/resource-id";
import { stackEncryptionKey } from "../key-vault";
import { customerManagedKeyBlock } from "./customer-managed-key";
import { SERVICE_BUS_ROLES } from "./data-access";
import { EntityHost } from "./entity-options";
import { GeoDisasterRecoveryAlias, PairingFacts, validatePairing } from "./geo-disaster-recovery";
import { ImportedServiceBusNamespace, ImportedServiceBusNamespaceOptions, SERVICE_BUS_NAMESPACE_TYPE } from "./imported-namespace";
import { NamespaceEntities } from "./entities";
import { EntityKind } from "./names";
import { networkRuleSet } from "./network-rules";
import { QueueOptions, ServiceBusQueue } from "./queue";
import { checkPrivateEndpointTier, resolvePremiumScale, resolveSku, resolveZoneRedundancy } from "./tier-options";
import { ServiceBusSku } from "./tiers";
import { ServiceBusTopic, TopicOptions } from "./topic";
import { IServiceBusNamespace } from "./types";

/**
 * The kit as Service Bus has it: the private endpoint is the `namespace` sub-resource, Premium only
 * (on a lower tier an endpoint, from props or the context's network, is an error); the lock follows
 * the profile (a data store). `customerManagedKey` is Premium only (options on Basic or Standard are
 * an error), with infrastructure encryption, which is ForceNew: turning the key on for an existing
 * namespace recreates it; its default is the profile's customerManagedKeys on Premium, Microsoft-managed
 * keys otherwise.
 */
export interface ServiceBusNamespaceProps extends KitProps, NetworkAccessOptions {
  /** Pricing tier; cannot move to or from Premium in place. @default "Premium" in the prod profile, else "Standard" */
  readonly sku?: ServiceBusSku;
  /** Messaging units of a Premium namespace: 1, 2, 4, 8 or 16, a multiple of the partitions. @default 1 (Premium only) */
  readonly capacity?: number;
  /** Partitions of a Premium namespace (1, 2 or 4); fixed at creation, and every entity follows it. @default 1 (Premium only) */
  readonly premiumMessagingPartitions?: number;
  /**
   * Zone redundancy: Premium only, where Azure turns it on wherever the region has availability
   * zones; `true` on a lower tier and `false` on Premium are errors.
   * @default true in Premium, false (unavailable) in Basic and Standard
   */
  readonly zoneRedundant?: boolean;
  /** Shared access signature (key) authentication; off leaves Entra ID as the only way in. @default false */
  readonly localAuthEnabled?: boolean;
  /**
   * Let trusted Microsoft services (e.g. Event Grid) through the firewall. Premium only: `true` on
   * Basic or Standard is an error, as those tiers have no trusted-services exception.
   * @default true in Premium; not rendered (azurerm sends false) in Basic and Standard
   */
  readonly trustedServicesAllowed?: boolean;
}

/**
 * A Service Bus namespace that only accepts Entra ID (local/SAS auth off), TLS 1.2, with a managed
 * identity, and public network access off behind a private endpoint. The prod profile makes it
 * Premium (private endpoints, zone redundancy). Queues, topics, grants and geo-disaster recovery are
 * methods. Every other L1 setting is reachable through {@link ServiceBusNamespace.resource}.
 */
export class ServiceBusNamespace extends withMessagingGrants(ResourceConstructBase, SERVICE_BUS_ROLES) implements EntityHost {
  /** An existing namespace by resource id, for grants and for constructs that take an {@link IServiceBusNamespace}. */
  public static fromId(scope: Construct, id: string, namespaceId: string, options?: ImportedServiceBusNamespaceOptions): IServiceBusNamespace {
    return new ImportedServiceBusNamespace(scope, id, namespaceId, undefined, options);
  }

  /** An existing namespace by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(
    scope: Construct,
    id: string,
    name: string,
    resourceGroup?: IResourceGroup,
    options?: ImportedServiceBusNamespaceOptions,
  ): IServiceBusNamespace {
    validateName(scope, "serviceBusNamespace", name);
    const group = IntegrationContext.resourceGroup(scope, resourceGroup);
    const namespaceId = resourceIdOf(group.id, SERVICE_BUS_NAMESPACE_TYPE, [name]);
    return new ImportedServiceBusNamespace(scope, id, namespaceId, { name, resourceGroupName: group.name }, options);
  }

  public readonly resource: ServicebusNamespace;
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  /** `<name>.servicebus.windows.net`, e.g. for `ServiceBusConnection__fullyQualifiedNamespace`. */
  public readonly fullyQualifiedNamespace: string;
  /**
   * The URL of the namespace (ARM `serviceBusEndpoint`, azurerm @v4.55.0:internal/services/servicebus/servicebus_namespace_resource.go),
   * e.g. for an API Management `send-request`.
   */
  public readonly endpoint: string;
  public readonly sku: ServiceBusSku;
  /** Messaging units (Premium only). */
  public readonly capacity?: number;
  /** Partitions (Premium only). */
  public readonly premiumMessagingPartitions?: number;
  /** Whether the namespace is zone-redundant (Premium, in regions with availability zones). */
  public readonly zoneRedundant: boolean;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  /** The key, identity and role that encrypt the namespace; undefined with Microsoft-managed keys. */
  public readonly customerManagedKey?: ResolvedCustomerManagedKey;
  /** Queues by name. */
  public readonly queues: ReadonlyMap<string, ServiceBusQueue>;
  /** Topics by name. */
  public readonly topics: ReadonlyMap<string, ServiceBusTopic>;

  private readonly namespaceName: string;
  private readonly entities = new NamespaceEntities(this, (kind, name) => this.refuseOnSecondary(kind, name));
  /** The namespace's identities, with the customer-managed key's. */
  private readonly identityOptions: IdentityOptions | undefined;
  private pairedWith?: string;
  private primaryNamespace?: ServiceBusNamespace;
  private alias?: GeoDisasterRecoveryAlias;

  constructor(scope: Construct, id: string, props: ServiceBusNamespaceProps = {}) {
    super(scope, id, props);
    this.queues = this.entities.queues;
    this.topics = this.entities.topics;
    this.sku = resolveSku(this, props.sku, this.context.defaults.serviceBusSku);
    const scale = resolvePremiumScale(this, this.sku, props.capacity, props.premiumMessagingPartitions);
    this.capacity = scale.capacity;
    this.premiumMessagingPartitions = scale.premiumMessagingPartitions;
    this.zoneRedundant = resolveZoneRedundancy(this, this.sku, props.zoneRedundant);
    this.customerManagedKey = premiumTierKey(this, props.customerManagedKey, {
      ruleId: "AIC-CMK-003",
      tier: this.sku,
      premium: 'sku "Premium"',
      defaultKey: () => stackEncryptionKey(this),
    });
    checkPrivateEndpointTier(this, this.sku, props.privateEndpoint, this.context.network);
    this.namespaceName = this.nameFor("serviceBusNamespace", props.name);
    this.identityOptions = withKeyIdentity(props.identity, this.customerManagedKey);

    this.resource = this.createNamespace(props, scale);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.resourceGroupName = this.resource.resourceGroupName;
    this.fullyQualifiedNamespace = `${this.resource.name}.servicebus.windows.net`;
    this.endpoint = this.resource.endpoint;

    const kit = this.wireNamespaceKit(props);
    this.privateEndpoint = kit.privateEndpoint;
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;
  }

  /**
   * The namespace's identity, to grant it roles elsewhere: the system-assigned one, else the first
   * user-assigned one (the customer-managed key's when only it is given); an error without either.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  /** The geo-disaster recovery alias, once {@link pairWith} was called. */
  public get geoDisasterRecovery(): GeoDisasterRecoveryAlias | undefined {
    return this.alias;
  }

  /** Adds a queue; see {@link QueueOptions} for the defaults (10 deliveries, PT1M lock, dead-lettering on expiry). */
  public addQueue(name: string, options: QueueOptions = {}): ServiceBusQueue {
    return this.entities.addQueue(name, options);
  }

  /** Adds a topic (Standard and Premium); subscriptions are added on the topic. */
  public addTopic(name: string, options: TopicOptions = {}): ServiceBusTopic {
    return this.entities.addTopic(name, options);
  }

  /**
   * Pairs this namespace (the primary) with `secondary` in another region for geo-disaster
   * recovery: Azure replicates entities and metadata (not messages) to the secondary, and clients
   * use the alias, which a failover repoints. Both namespaces must be Premium and partitioned alike;
   * the secondary stays empty of entities of its own.
   * @param aliasName the alias's DNS name. @default `sbns-<namePrefix>-<construct id>-alias-<suffix>`
   */
  public pairWith(secondary: IServiceBusNamespace, aliasName?: string): GeoDisasterRecoveryAlias {
    const partner = secondary instanceof ServiceBusNamespace ? secondary : undefined;
    validatePairing(this, this.pairingFacts(), partner?.pairingFacts(), secondary);
    const alias = resourceName(this, "serviceBusNamespace", aliasName, {
      prefix: this.context.namePrefix,
      base: `${this.node.id}-alias`,
      field: "aliasName",
    });
    if (alias === this.namespaceName || alias === partner?.namespaceName) {
      invalid(this, {
        field: "aliasName",
        value: alias,
        rule: "is the name of one of the paired namespaces",
        fix: "give the alias a DNS name of its own",
      });
    }
    const resource = new ServicebusNamespaceDisasterRecoveryConfig(this, "GeoDisasterRecovery", {
      name: alias,
      primaryNamespaceId: this.id,
      partnerNamespaceId: secondary.id,
    });
    this.pairedWith = secondary.node.path;
    if (partner) {
      partner.pairedWith = this.node.path;
      partner.primaryNamespace = this;
    }
    this.alias = { resource, aliasName: alias, fullyQualifiedNamespace: `${alias}.servicebus.windows.net` };
    return this.alias;
  }

  /** The namespace: Entra ID only (local auth off unless asked), TLS 1.2, its identities and key. */
  private createNamespace(props: ServiceBusNamespaceProps, scale: ReturnType<typeof resolvePremiumScale>): ServicebusNamespace {
    const resource = new ServicebusNamespace(this, "Resource", {
      name: this.namespaceName,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      sku: this.sku,
      ...scale,
      localAuthEnabled: props.localAuthEnabled ?? false,
      minimumTlsVersion: "1.2",
      identity: identityBlock(this.identityOptions),
      customerManagedKey: customerManagedKeyBlock(this.customerManagedKey),
      tags: this.tags,
    });
    dependOnKey(resource, this.customerManagedKey);
    return resource;
  }

  /** The endpoint needs the namespace id, and public access depends on whether an endpoint exists. */
  private wireNamespaceKit(props: ServiceBusNamespaceProps): WiredKit {
    return this.wireKit(props, {
      resourceId: this.id,
      name: this.namespaceName,
      privateEndpoints: [{ subresource: "namespace" }],
      networkAccess: (access) => {
        this.resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
        const rules = networkRuleSet(this, this.sku, access, props.firewallDefaultAction, props.trustedServicesAllowed);
        if (rules) this.resource.putNetworkRuleSet(rules);
      },
      dataStore: true,
    });
  }

  private pairingFacts(): PairingFacts {
    return {
      path: this.node.path,
      sku: this.sku,
      premiumMessagingPartitions: this.premiumMessagingPartitions,
      entityCount: this.queues.size + this.topics.size,
      pairedWith: this.pairedWith,
    };
  }

  /** A geo-DR secondary takes no entities of its own: its primary's are replicated to it. */
  private refuseOnSecondary(kind: EntityKind, name: string): void {
    if (!this.primaryNamespace) return;
    const primary = this.primaryNamespace.node.path;
    invalid(this, {
      field: `${kind} name`,
      value: name,
      rule: `cannot be added: this namespace is the geo-disaster recovery secondary of ${primary}, which replicates its entities here`,
      fix: `add the ${kind} to ${primary}`,
    });
  }
}
