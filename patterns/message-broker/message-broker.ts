import { Construct } from "constructs";
import { ApiManagement, ApiManagementProps, ApiManagementSubnet, ApimApi } from "../../constructs/api-management";
import { Alerts, AlertsProps } from "../../constructs/monitoring";
import { ApiManagementIngress, ApiManagementIngressOptions } from "../../constructs/application-gateway";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Network } from "../../constructs/network";
import { IntegrationContext } from "../../constructs/core/context";
import { recordHole } from "../../constructs/core/flows";
import { recordSuppression } from "../../constructs/core/suppressions";
import { invalid } from "../../constructs/core/errors";
import {
  DisasterRecoveryOptions,
  resolveDisasterRecovery,
  withCosmosFailover,
  withGeoRedundantStorage,
} from "../../constructs/core/disaster-recovery";
import { Annotations } from "cdktf";
import { exclusiveProps } from "../../constructs/core/props";
import { IPrincipal } from "../../constructs/core/grants";
import { CosmosDbAccount, CosmosDbAccountProps, CosmosDbSqlContainer, CosmosDbSqlDatabase } from "../../constructs/cosmos-db";
import { EventDestination, EventGridSubscription, EventGridTopic, EventGridTopicProps } from "../../constructs/event-grid";
import { FunctionApp, FunctionAppProps } from "../../constructs/function-app";
import { LogicAppWorkflow, LogicAppWorkflowProps } from "../../constructs/logic-app";
import { LogicAppStandard, LogicAppStandardProps } from "../../constructs/logic-app-standard";
import {
  GeoDisasterRecoveryAlias,
  QueueOptions,
  ServiceBusNamespace,
  ServiceBusNamespaceProps,
  ServiceBusQueue,
  ServiceBusSubscription,
  ServiceBusTopic,
  TopicOptions,
} from "../../constructs/service-bus";
import { StorageAccount, StorageAccountProps } from "../../constructs/storage";
import { REACHABILITY_REASONS, concatRanges, managedConnectorRanges } from "./reachability";
import { DEFAULT_TELEMETRY_EVENT_TYPES, MESSAGE_BROKER_NAMES as NAMES, MESSAGE_BROKER_WORKLOADS as WORKLOADS, ORDER_EVENT_FILTERS } from "./workloads";

/** Who publishes the APIs: API Management's publisher name and notification address. */
export interface ApiPublisher {
  readonly name: string;
  readonly email: string;
}

export interface MessageBrokerProps {
  /**
   * Publisher of a new API Management service (e.g. the environment's `apiPublisher`). Required
   * unless `existingApiManagement` is given or `apiManagementProps` names the publisher.
   * @default the publisher in `apiManagementProps`
   */
  readonly apiPublisher?: ApiPublisher;
  /**
   * An API Management service to add the `orders-intake` API and its named values to, instead of
   * a new one. Its system-assigned identity is granted send on the queue. Not together with
   * `apiPublisher` or `apiManagementProps`.
   * @default a new ApiManagement
   */
  readonly existingApiManagement?: ApiManagement;
  /**
   * Props of the new API Management service, over the pattern's. Its tier must have dedicated
   * outbound IPs (not Consumption or a v2 tier): the Service Bus firewall admits them.
   * @default Premium in the prod profile (SLA), Developer otherwise; the ApiManagement defaults for the rest
   */
  readonly apiManagementProps?: Partial<ApiManagementProps>;
  /**
   * Range of the subnet a new service is injected into (Internal mode), created in prod when the
   * IntegrationContext's network is a {@link Network}, the tier is Developer or Premium and
   * `apiManagementProps.virtualNetwork` is not set.
   * @default the third /24 of the network's first address space
   */
  readonly apiManagementSubnetPrefix?: string;
  /**
   * How partners reach the Internal-mode service: an Application Gateway WAF_v2 and the private
   * DNS records of its host names; `false` for none. Only with the Internal-mode subnet above.
   * @default with that subnet: a gateway in the fourth /24 of the network's first address space, with
   * a self-signed certificate for its public FQDN in a new Key Vault; otherwise none
   */
  readonly ingress?: ApiManagementIngressOptions | false;
  /**
   * A namespace to create the `orders` queue and `order-events` topic in, instead of a new one.
   * It must admit the region's AzureConnectors ranges and the API Management IPs (see README.md).
   * Not together with `serviceBusProps`.
   * @default a new ServiceBusNamespace
   */
  readonly existingServiceBus?: ServiceBusNamespace;
  /**
   * Props of the new namespace, over the pattern's (public access on, IP rules for the managed
   * connectors and API Management on top of `allowedIpRanges`).
   * @default the ServiceBusNamespace defaults (Standard in dev, Premium in prod)
   */
  readonly serviceBusProps?: ServiceBusNamespaceProps;
  /**
   * Options of the `orders` queue over the pattern's: sessions (SessionId = customer), duplicate
   * detection (MessageId = order id, PT10M), a two-minute lock, and the construct's dead-lettering.
   * @default sessions and duplicate detection on, lockDuration "PT2M"
   */
  readonly ordersQueueOptions?: QueueOptions;
  /** Options of the `order-events` topic over the pattern's. @default duplicate detection on (PT10M) */
  readonly orderEventsTopicOptions?: TopicOptions;
  /**
   * A Cosmos DB account to create the `orders` database and container in (reused when they
   * exist). It must admit the region's AzureConnectors ranges. Not together with `cosmosDbProps`.
   * @default a new CosmosDbAccount
   */
  readonly existingCosmosDb?: CosmosDbAccount;
  /** Props of the new Cosmos DB account, over the pattern's (public access on, IP filter for the managed connectors). @default the CosmosDbAccount defaults */
  readonly cosmosDbProps?: CosmosDbAccountProps;
  /**
   * A Data Lake Gen2 account (`dataLake: true`) for the `telemetry` container (and, without VNet integration of the
   * function, `dead-letters`), added when missing. Not together with `dataLakeProps`.
   * @default a new StorageAccount with dataLake: true
   */
  readonly existingDataLake?: StorageAccount;
  /**
   * Props of the new Data Lake account, over the pattern's: without VNet integration of the
   * function app (dev) public access is on and its firewall allows all networks (Entra ID only), and
   * it holds Event Grid's dead letters; with it (prod) the lake is private (the StorageAccount defaults).
   * @default dataLake: true, containers telemetry (and dead-letters without VNet integration)
   */
  readonly dataLakeProps?: StorageAccountProps;
  /**
   * Props of the dedicated dead-letter account used when the function is VNet-integrated (prod): Event Grid writes
   * dead letters only over a public endpoint (as a trusted service), so they go to this account, not the private lake.
   * @default a StorageAccount "DeadLetters" with a `dead-letters` container, public access on behind a deny-by-default
   * firewall that lets trusted services through
   */
  readonly deadLetterAccountProps?: StorageAccountProps;
  /** Props of the `device-events` topic; its input schema is always CloudEvents 1.0. @default the EventGridTopic defaults */
  readonly deviceTopicProps?: Omit<EventGridTopicProps, "inputSchema">;
  /**
   * Props of the telemetry function app over the pattern's (public endpoint restricted to Event
   * Grid, which cannot deliver to private endpoints). The code is the pattern's.
   * @default the FunctionApp defaults for the profile
   */
  readonly telemetryFunctionProps?: Omit<FunctionAppProps, "code">;
  /**
   * Where `notify-shipping` posts order-accepted events with a shipping address. It is a
   * SecureString workflow parameter, so it must be a value resolved at deploy time (e.g. a
   * sensitive `TerraformVariable`); a literal is refused.
   */
  readonly shippingWebhookUrl: string;
  /** Identities allowed to publish device telemetry (EventGrid Data Sender on the topic). @default none */
  readonly devicePublishers?: readonly IPrincipal[];
  /** CloudEvents `type`s delivered to the telemetry function. @default ["Devices.TelemetryReported"] */
  readonly telemetryEventTypes?: readonly string[];
  /**
   * Where the two workflows run: `"consumption"` (two LogicAppWorkflows with managed API connections, which reach
   * Service Bus and Cosmos DB only over their public endpoints) or `"standard"` (one VNet-integrated LogicAppStandard
   * with built-in connections through the private endpoints, so both keep public access off).
   * @default "standard" when the IntegrationContext has a network (prod), else "consumption"
   */
  readonly workflowHost?: "consumption" | "standard";
  /** Props of both Consumption workflows (identity, access control, diagnostics). @default the LogicAppWorkflow defaults, triggers closed to callers */
  readonly workflowProps?: Omit<LogicAppWorkflowProps, "definitionFile" | "definition" | "parameterValues">;
  /** Props of the Standard app (`workflowHost: "standard"`). @default the LogicAppStandard defaults */
  readonly workflowAppProps?: Omit<LogicAppStandardProps, "workflows">;
  /**
   * Alerts on the pattern's failure signals (see the README's "Alerts"), to `actionGroupId`; `false` creates none.
   * @default on, with the default thresholds, notifying nobody until an action group is given
   */
  readonly alerts?: AlertsProps | false;
  /**
   * A second region for the stateful parts (see the README's "Disaster recovery"): a Premium
   * secondary namespace paired by a geo-DR alias (which the API and workflows then address), the
   * Cosmos DB account's failover region with automatic failover, GZRS for the lake, and API
   * Management's gateway in that region when the service is Premium outside a VNet. Needs Service
   * Bus Premium (the prod profile); existing resources are left to their owner.
   * @default off
   */
  readonly disasterRecovery?: DisasterRecoveryOptions;
}

/**
 * The message broker reference architecture: applications → API Management → Service Bus
 * (queue with sessions, duplicate detection and dead-lettering; topic with filtered
 * subscriptions) → Logic Apps → Cosmos DB and notifications; devices → Event Grid → Functions →
 * Data Lake. Every hop authenticates with a managed identity and a least-privilege role; no key
 * or connection string exists. See README.md for the data flow and the network trade-offs.
 *
 * ```ts
 * new MessageBroker(stack, "MessageBroker", { apiPublisher: env.apiPublisher, shippingWebhookUrl: webhook.stringValue });
 * ```
 */
export class MessageBroker extends Construct {
  /** The alerts on the pattern's failure signals; undefined with `alerts: false`. */
  public readonly alerts: Alerts | undefined;
  public readonly apiManagement: ApiManagement;
  /** The subnet, NSG and rules of the Internal-mode service (default in prod). */
  public readonly apiManagementSubnet?: ApiManagementSubnet;
  /** The Standard public IP of the injected service (management traffic). */
  public readonly apiManagementPublicIp?: PublicIp;
  /** The Application Gateway and DNS records in front of the Internal-mode service (default in prod). */
  public readonly ingress?: ApiManagementIngress;
  /** The `orders-intake` API (policy: queue the order, answer 202). */
  public readonly ordersIntakeApi: ApimApi;
  public readonly serviceBus: ServiceBusNamespace;
  /** The geo-DR secondary in the paired region (`disasterRecovery`); it receives the primary's entities by replication. */
  public readonly serviceBusSecondary?: ServiceBusNamespace;
  /** The geo-DR alias the API and workflows address with `disasterRecovery`: a failover repoints it to the secondary. */
  public readonly serviceBusAlias?: GeoDisasterRecoveryAlias;
  /** The paired region (`disasterRecovery`), normalized; undefined without disaster recovery. */
  public readonly pairedLocation?: string;
  /** `orders`: sessions by customer, duplicate detection by order id, dead-lettering. */
  public readonly ordersQueue: ServiceBusQueue;
  /** `order-events`: what the process-order workflow publishes. */
  public readonly orderEventsTopic: ServiceBusTopic;
  /** `billing`: SQL filter on `eventType`; for the billing system to consume (grant it `grantReceive`). */
  public readonly billingSubscription: ServiceBusSubscription;
  /** `shipping`: correlation filter (subject `order-accepted`, `shippable = true`); read by notify-shipping. */
  public readonly shippingSubscription: ServiceBusSubscription;
  public readonly cosmosDb: CosmosDbAccount;
  public readonly ordersDatabase: CosmosDbSqlDatabase;
  /** `orders`, partitioned by `/customerId`. */
  public readonly ordersContainer: CosmosDbSqlContainer;
  /** Where the workflows run (see {@link MessageBrokerProps.workflowHost}). */
  public readonly workflowHost: "consumption" | "standard";
  /** Queue → Cosmos DB → topic, on Consumption; undefined on Standard (see {@link workflowApp}). */
  public readonly processOrderWorkflow?: LogicAppWorkflow;
  /** Shipping subscription → webhook, on Consumption; undefined on Standard. */
  public readonly notifyShippingWorkflow?: LogicAppWorkflow;
  /** The Standard app running `process-order` and `notify-shipping` (`workflowHost: "standard"`). */
  public readonly workflowApp?: LogicAppStandard;
  /** `device-events` (CloudEvents 1.0). */
  public readonly deviceTopic: EventGridTopic;
  /** Event Grid-triggered telemetry ingestion. */
  public readonly telemetryFunction: FunctionApp;
  /** Data Lake Gen2 account with `telemetry` (and `dead-letters` without VNet integration of the function: dev). */
  public readonly dataLake: StorageAccount;
  /** Where Event Grid's dead letters go: the dedicated account (prod) or the lake (dev). */
  public readonly deadLetterAccount: StorageAccount;
  /** Device events → telemetry function, dead letters to the lake; created once the function's code is deployed. */
  public readonly telemetrySubscription: EventGridSubscription;
  /** The region's AzureConnectors IPv4 ranges (a list token read at plan time); only for Consumption workflows. */
  public readonly managedConnectorRanges?: string[];

  constructor(scope: Construct, id: string, props: MessageBrokerProps) {
    super(scope, id);
    exclusiveProps(this, [
      ["existingApiManagement", props.existingApiManagement, "apiPublisher", props.apiPublisher],
      ["existingApiManagement", props.existingApiManagement, "apiManagementProps", props.apiManagementProps],
      ["existingServiceBus", props.existingServiceBus, "serviceBusProps", props.serviceBusProps],
      ["existingCosmosDb", props.existingCosmosDb, "cosmosDbProps", props.cosmosDbProps],
      ["existingDataLake", props.existingDataLake, "dataLakeProps", props.dataLakeProps],
    ]);
    if (props.existingDataLake && !props.existingDataLake.dataLake) {
      invalid(this, {
        field: "existingDataLake",
        value: props.existingDataLake.node.path,
        rule: "has no hierarchical namespace (dataLake: false), and telemetry belongs in a Data Lake Gen2 filesystem",
        fix: "pass a StorageAccount created with dataLake: true, or leave existingDataLake out to get one",
      });
    }
    const context = IntegrationContext.of(this);
    const allowedIpRanges = context.allowedIpRanges ?? [];
    const primaryLocation = IntegrationContext.resourceGroup(this, undefined).location;
    this.pairedLocation = resolveDisasterRecovery(this, props.disasterRecovery, primaryLocation);
    // Checked first: the namespace tier is the reason a dev environment cannot have disaster recovery.
    const busSku = props.serviceBusProps?.sku ?? context.defaults.serviceBusSku;
    if (this.pairedLocation !== undefined && !props.existingServiceBus && busSku !== "Premium") {
      invalid(this, {
        field: "disasterRecovery",
        value: this.pairedLocation,
        rule: `needs Service Bus geo-disaster recovery, which pairs Premium namespaces only, but the namespace is "${busSku}"`,
        fix: 'use the prod profile (Premium), set serviceBusProps.sku "Premium", or drop disasterRecovery',
      });
    }

    this.apiManagement = props.existingApiManagement ?? this.createApiManagement(props);
    // An injected service calls Service Bus from the VNet (its private endpoint); one outside sends from its public IPs.
    const vnetType = this.apiManagement.resource.virtualNetworkTypeInput;
    const injected = vnetType === "Internal" || vnetType === "External";
    this.checkOutboundAddresses(this.apiManagement, props.existingApiManagement !== undefined);
    this.workflowHost = props.workflowHost ?? (context.network ? "standard" : "consumption");
    const consumption = this.workflowHost === "consumption";
    this.checkWorkflowProps(props);
    const connectorRanges = consumption ? managedConnectorRanges(this, IntegrationContext.resourceGroup(this, undefined).location) : undefined;
    this.managedConnectorRanges = connectorRanges;

    // Service Bus: the queue levels the intake load, the topic fans order events out. Its public endpoint stays
    // only for multi-tenant callers: Consumption connectors, API Management outside a VNet.
    const busCallers = [...(connectorRanges ? ["AzureConnectors"] : []), ...(injected ? [] : ["ApiManagement"])];
    const busProps: ServiceBusNamespaceProps | undefined =
      busCallers.length === 0
        ? props.serviceBusProps
        : {
            ...props.serviceBusProps,
            publicNetworkAccess: props.serviceBusProps?.publicNetworkAccess ?? true,
            allowedIpRanges: concatRanges(
              props.serviceBusProps?.allowedIpRanges ?? allowedIpRanges,
              ...(connectorRanges ? [connectorRanges] : []),
              ...(injected ? [] : [this.apiManagement.publicIpAddresses]),
            ),
          };
    this.serviceBus = props.existingServiceBus ?? new ServiceBusNamespace(this, "ServiceBus", busProps);
    const busReason = !connectorRanges
      ? REACHABILITY_REASONS.serviceBusApiManagement
      : injected
      ? REACHABILITY_REASONS.serviceBusConnectors
      : REACHABILITY_REASONS.serviceBus;
    if (!props.existingServiceBus && busCallers.length > 0) recordHole(this, this.serviceBus, busReason, busCallers);
    if (this.pairedLocation !== undefined && !props.existingServiceBus) {
      this.serviceBusSecondary = this.createSecondaryNamespace(busProps, this.pairedLocation, primaryLocation);
      if (busCallers.length > 0) recordHole(this, this.serviceBusSecondary, busReason, busCallers);
      this.serviceBusAlias = this.serviceBus.pairWith(this.serviceBusSecondary);
    }
    // With geo-DR every caller uses the alias, which a failover repoints to the secondary.
    const busNamespace = this.busNamespace;
    this.ordersQueue = this.serviceBus.addQueue(NAMES.ordersQueue, {
      requiresSession: true,
      requiresDuplicateDetection: true,
      lockDuration: "PT2M",
      ...props.ordersQueueOptions,
    });
    this.orderEventsTopic = this.serviceBus.addTopic(NAMES.orderEventsTopic, { requiresDuplicateDetection: true, ...props.orderEventsTopicOptions });
    this.billingSubscription = this.orderEventsTopic.addSubscription(NAMES.billingSubscription, { rules: ORDER_EVENT_FILTERS.billing });
    this.shippingSubscription = this.orderEventsTopic.addSubscription(NAMES.shippingSubscription, { rules: ORDER_EVENT_FILTERS.shipping });

    // API Management → queue, with its managed identity.
    this.apiManagement.addNamedValue(NAMES.serviceBusEndpointNamedValue, {
      value: this.serviceBusAlias ? `https://${busNamespace}:443/` : this.serviceBus.resource.endpoint,
    });
    this.apiManagement.addNamedValue(NAMES.ordersQueueNamedValue, { value: NAMES.ordersQueue });
    this.ordersIntakeApi = this.apiManagement.addApi(NAMES.api, {
      path: NAMES.apiPath,
      displayName: "Orders intake",
      description: "Queues orders on Service Bus for asynchronous processing",
      openApiFile: WORKLOADS.ordersIntakeOpenApi,
      policyFile: WORKLOADS.ordersIntakePolicy,
    });
    this.ordersQueue.grantSend(this.apiManagement.principal);
    this.apiManagement.recordCall(this.serviceBus, "send-request: queue orders (orders-intake policy)");

    // Cosmos DB: the orders, one logical partition per customer.
    // Only Consumption's documentdb connector needs the public endpoint; Standard's built-in one uses the private endpoint.
    this.cosmosDb =
      props.existingCosmosDb ??
      new CosmosDbAccount(
        this,
        "CosmosDb",
        withCosmosFailover(
          connectorRanges
            ? {
                ...props.cosmosDbProps,
                publicNetworkAccess: props.cosmosDbProps?.publicNetworkAccess ?? true,
                allowedIpRanges: concatRanges(props.cosmosDbProps?.allowedIpRanges ?? allowedIpRanges, connectorRanges),
              }
            : props.cosmosDbProps,
          this.pairedLocation,
        ),
      );
    if (!props.existingCosmosDb && connectorRanges) recordHole(this, this.cosmosDb, REACHABILITY_REASONS.cosmosDb, ["AzureConnectors"]);
    this.ordersDatabase = this.cosmosDb.databases.get(NAMES.cosmosDatabase) ?? this.cosmosDb.addDatabase(NAMES.cosmosDatabase);
    this.ordersContainer =
      this.ordersDatabase.containers.get(NAMES.cosmosContainer) ??
      this.ordersDatabase.addContainer(NAMES.cosmosContainer, { partitionKeyPaths: [NAMES.cosmosPartitionKey] });

    if (consumption) {
      this.processOrderWorkflow = this.createProcessOrder(props);
      this.notifyShippingWorkflow = this.createNotifyShipping(props);
    } else {
      this.workflowApp = this.createWorkflowApp(props);
    }

    // Devices → Event Grid → function → Data Lake.
    this.telemetryFunction = new FunctionApp(this, "TelemetryIngest", {
      ...props.telemetryFunctionProps,
      publicNetworkAccess: props.telemetryFunctionProps?.publicNetworkAccess ?? true,
      firewallDefaultAction: props.telemetryFunctionProps?.firewallDefaultAction ?? "Deny",
      code: { path: WORKLOADS.telemetryIngestApp },
    });
    recordHole(this, this.telemetryFunction, REACHABILITY_REASONS.functionApp, ["EventGrid"]);

    // With VNet integration the function reaches a private lake; Event Grid's dead letters then need their own account.
    const integrated = this.telemetryFunction.resource.virtualNetworkSubnetIdInput !== undefined;
    this.dataLake = props.existingDataLake ?? this.createDataLake(withGeoRedundantStorage(props.dataLakeProps, this.pairedLocation), integrated);
    this.deadLetterAccount = integrated ? this.createDeadLetterAccount(props.deadLetterAccountProps) : this.dataLake;
    if (!this.dataLake.containers.has(NAMES.telemetryContainer)) this.dataLake.addContainer(NAMES.telemetryContainer);
    if (!this.deadLetterAccount.containers.has(NAMES.deadLetterContainer)) this.deadLetterAccount.addContainer(NAMES.deadLetterContainer);
    const deadLetters = this.deadLetterAccount.containers.get(NAMES.deadLetterContainer)!;
    this.telemetryFunction.connectStorage(NAMES.dataLakeConnection, this.dataLake, "write");

    this.deviceTopic = new EventGridTopic(this, "DeviceEvents", { ...props.deviceTopicProps, inputSchema: "CloudEventSchemaV1_0" });
    for (const publisher of props.devicePublishers ?? []) this.deviceTopic.grantPublish(publisher);
    // The destination checks the code registers the function with an Event Grid trigger; the
    // subscription waits for the function's code deployment (EventGridSubscription does that).
    this.telemetrySubscription = this.deviceTopic.addSubscription("telemetry-ingest", {
      destination: EventDestination.function(this.telemetryFunction, NAMES.telemetryFunction),
      includedEventTypes: [...(props.telemetryEventTypes ?? DEFAULT_TELEMETRY_EVENT_TYPES)],
      // Invalid readings fail every attempt; ten attempts bound the time to their dead letter.
      maxDeliveryAttempts: 10,
      deadLetter: { storageAccountId: this.deadLetterAccount.id, containerName: NAMES.deadLetterContainer, container: deadLetters },
    });
    if (this.serviceBusSecondary) this.mirrorEntityGrants(this.serviceBusSecondary);
    // Last, so it finds every alertable resource of the pattern (see the README's "Alerts").
    this.alerts = props.alerts === false ? undefined : new Alerts(this, "Alerts", props.alerts).watch(this);
  }

  private createApiManagement(props: MessageBrokerProps): ApiManagement {
    const publisherName = props.apiManagementProps?.publisherName ?? props.apiPublisher?.name;
    const publisherEmail = props.apiManagementProps?.publisherEmail ?? props.apiPublisher?.email;
    if (publisherName === undefined || publisherEmail === undefined) {
      invalid(this, {
        field: "apiPublisher",
        rule: "is missing, and a new API Management service needs a publisher name and email",
        fix: "pass apiPublisher (e.g. the environment's apiPublisher), or existingApiManagement",
      });
    }
    const context = IntegrationContext.of(this);
    const sku = props.apiManagementProps?.sku ?? (context.profile === "prod" ? "Premium" : "Developer");
    const network = context.network;
    const classic = ["Developer", "Premium"].includes(sku);
    const inject = props.apiManagementProps?.virtualNetwork === undefined && context.profile === "prod" && network instanceof Network && classic;
    if (!inject) {
      const given = [["apiManagementSubnetPrefix", props.apiManagementSubnetPrefix], ["ingress", props.ingress || undefined]] as const;
      for (const [field, value] of given) {
        if (value === undefined) continue;
        invalid(this, {
          field,
          value: typeof value === "string" ? value : undefined,
          rule:
            "is only used for the Internal-mode service created in prod " +
            "(Developer or Premium, a Network in the IntegrationContext, no apiManagementProps.virtualNetwork)",
          fix: `drop ${field}`,
        });
      }
    }
    const additionalLocations = this.apiManagementLocations(props.apiManagementProps, sku, inject);
    const props2 = { ...props.apiManagementProps, sku, publisherName, publisherEmail, ...(additionalLocations ? { additionalLocations } : {}) };
    if (!inject) return new ApiManagement(this, "ApiManagement", props2);
    const subnet = new ApiManagementSubnet(this, "ApiManagementSubnet", {
      network: network as Network,
      addressPrefix: props.apiManagementSubnetPrefix,
      namePrefix: context.namePrefix ?? "aic",
      resourceGroup: IntegrationContext.resourceGroup(this, undefined),
      location: IntegrationContext.resourceGroup(this, undefined).location,
    });
    const service = new ApiManagement(this, "ApiManagement", { ...props2, virtualNetwork: { type: "Internal", subnetId: subnet.subnetId } });
    (this as { apiManagementSubnet?: ApiManagementSubnet }).apiManagementSubnet = subnet;
    (this as { apiManagementPublicIp?: PublicIp }).apiManagementPublicIp = subnet.inject(service);
    if (props.ingress !== false) {
      const ingress = new ApiManagementIngress(this, "Ingress", { ...props.ingress, service, network: network as Network });
      (this as { ingress?: ApiManagementIngress }).ingress = ingress;
    }
    return service;
  }

  /**
   * API Management's gateway in the paired region (Premium:
   * https://learn.microsoft.com/azure/api-management/api-management-howto-deploy-multi-region), unless the caller
   * chose regions. An injected service would need a subnet (and public IP) in a VNet of the paired region, which the
   * pattern does not build: it stays in one region, with a warning; the README says what that means.
   */
  private apiManagementLocations(apimProps: Partial<ApiManagementProps> | undefined, sku: string, inject: boolean) {
    if (this.pairedLocation === undefined || apimProps?.additionalLocations !== undefined) return undefined;
    if (inject || apimProps?.virtualNetwork !== undefined) {
      Annotations.of(this).addWarning(
        `disasterRecovery: API Management is VNet-injected, and a gateway in ${this.pairedLocation} needs a subnet there, which this ` +
          "pattern does not create; the gateway stays in one region (see the README's Disaster recovery). " +
          "Give apiManagementProps.additionalLocations with subnets of your own to add it.",
      );
      return undefined;
    }
    if (sku !== "Premium") {
      invalid(this, {
        field: "disasterRecovery",
        value: this.pairedLocation,
        rule: `needs an API Management gateway in the paired region, which only Premium deploys, but the service is "${sku}"`,
        fix: 'use the prod profile, set apiManagementProps.sku "Premium", or drop disasterRecovery',
      });
    }
    return [{ location: this.pairedLocation }];
  }

  /**
   * The pattern's entity grants, repeated on the secondary's replicated entities: geo-DR does not replicate RBAC
   * assignments to entities ("Create role assignments manually in the secondary namespace":
   * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-geo-dr), and without them every caller is
   * refused after a failover. They wait for the pairing, which azurerm creates only once replication is done
   * (azurerm @v4.55.0:internal/services/servicebus/servicebus_namespace_disaster_recovery_config_resource.go).
   */
  private mirrorEntityGrants(secondary: ServiceBusNamespace): void {
    const scope = new Construct(this, "ServiceBusSecondaryGrants");
    const topic = `topics/${NAMES.orderEventsTopic}`;
    const entities: [Construct, string][] = [
      [this.ordersQueue, `queues/${NAMES.ordersQueue}`],
      [this.orderEventsTopic, topic],
      [this.billingSubscription, `${topic}/subscriptions/${NAMES.billingSubscription}`],
      [this.shippingSubscription, `${topic}/subscriptions/${NAMES.shippingSubscription}`],
    ];
    for (const [entity, path] of entities) {
      for (const grant of entity.node.children.filter((c): c is RoleAssignment => c instanceof RoleAssignment)) {
        new RoleAssignment(scope, `${path.replace(/\//g, "-")}-${grant.node.id}`, {
          scope: `${secondary.id}/${path}`,
          roleDefinitionName: grant.roleDefinitionNameInput,
          principalId: grant.principalIdInput as string,
          principalType: grant.principalTypeInput,
          skipServicePrincipalAadCheck: grant.skipServicePrincipalAadCheckInput,
          dependsOn: [this.serviceBusAlias!.resource],
        });
      }
    }
  }

  /** The namespace callers address: the geo-DR alias with `disasterRecovery`, else the namespace itself. */
  private get busNamespace(): string {
    return this.serviceBusAlias?.fullyQualifiedNamespace ?? this.serviceBus.fullyQualifiedNamespace;
  }

  /**
   * The geo-DR secondary: Premium like the primary (geo-DR pairs Premium namespaces only:
   * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-geo-dr), with the primary's network props, so
   * callers still get through after a failover. Its private endpoint sits in the primary region's VNet, beside the primary's.
   */
  private createSecondaryNamespace(busProps: ServiceBusNamespaceProps | undefined, paired: string, primaryLocation: string): ServiceBusNamespace {
    const endpoint = busProps?.privateEndpoint;
    const privateEndpoint = endpoint === false ? false : { ...endpoint, location: endpoint?.location ?? primaryLocation };
    return new ServiceBusNamespace(this, "ServiceBusSecondary", { ...busProps, name: undefined, location: paired, privateEndpoint });
  }

  /** The Service Bus firewall admits API Management by its public IPs, which shared-infrastructure tiers do not have. */
  private checkOutboundAddresses(apim: ApiManagement, existing: boolean): void {
    if (!NO_DEDICATED_OUTBOUND_IPS.includes(apim.sku)) return;
    invalid(this, {
      field: existing ? "existingApiManagement sku" : "apiManagementProps.sku",
      value: apim.sku,
      rule: "has no dedicated outbound IP addresses, so the Service Bus firewall cannot admit its send-request calls",
      fix: 'use a classic tier ("Developer", "Basic", "Standard" or "Premium")',
    });
  }

  /** Queue (peek-lock, sessions) → Cosmos DB upsert → topic; complete, or abandon for a redelivery. */
  private createProcessOrder(props: MessageBrokerProps): LogicAppWorkflow {
    const workflow = new LogicAppWorkflow(this, "ProcessOrder", {
      allowedCallerIpRanges: [],
      ...props.workflowProps,
      definitionFile: WORKLOADS.processOrderWorkflow,
      parameterValues: {
        ordersQueue: NAMES.ordersQueue,
        orderEventsTopic: NAMES.orderEventsTopic,
        cosmosAccountName: this.cosmosDb.name,
        cosmosDatabase: NAMES.cosmosDatabase,
        cosmosContainer: NAMES.cosmosContainer,
      },
    });
    this.addServiceBusConnection(workflow);
    // No parameter is needed: the documentdb connector takes the account from the action's path.
    workflow.addConnection(NAMES.cosmosDbConnection, { api: "documentdb", managedIdentity: true, target: this.cosmosDb });
    this.ordersQueue.grantReceive(workflow.principal);
    this.orderEventsTopic.grantSend(workflow.principal);
    this.ordersContainer.grantDataWrite(workflow.principal);
    return workflow;
  }

  /**
   * Both workflows on one VNet-integrated Standard app, from their Standard designer files: built-in Service Bus and
   * Cosmos DB connections with the app's identity, granted on the queue, subscription, topic and container only.
   */
  private createWorkflowApp(props: MessageBrokerProps): LogicAppStandard {
    const app = new LogicAppStandard(this, "Workflows", {
      ...props.workflowAppProps,
      workflows: {
        [NAMES.processOrderWorkflow]: {
          definitionFile: WORKLOADS.processOrderStandardWorkflow,
          parameterValues: {
            ordersQueue: NAMES.ordersQueue,
            orderEventsTopic: NAMES.orderEventsTopic,
            cosmosDatabase: NAMES.cosmosDatabase,
            cosmosContainer: NAMES.cosmosContainer,
          },
        },
        [NAMES.notifyShippingWorkflow]: {
          definitionFile: WORKLOADS.notifyShippingStandardWorkflow,
          parameterValues: {
            orderEventsTopic: NAMES.orderEventsTopic,
            shippingSubscription: NAMES.shippingSubscription,
            shippingWebhookUrl: props.shippingWebhookUrl,
          },
        },
      },
    });
    // The namespace's endpoint, with grants narrowed to what the workflows touch (not namespace-wide).
    app.connectServiceBus(
      NAMES.standardServiceBusConnection,
      {
        fullyQualifiedNamespace: this.busNamespace,
        grantReceive: (principal) => [this.ordersQueue.grantReceive(principal), this.shippingSubscription.grantReceive(principal)],
        grantSend: (principal) => this.orderEventsTopic.grantSend(principal),
      },
      "both",
    );
    const container = this.ordersContainer;
    app.connectCosmosDb(
      NAMES.standardCosmosDbConnection,
      { endpoint: this.cosmosDb.endpoint, grantDataRead: (p) => container.grantDataRead(p), grantDataWrite: (p) => container.grantDataWrite(p) },
      "write",
    );
    return app;
  }

  /** Props of the other host are a mistake: they would be silently ignored. */
  private checkWorkflowProps(props: MessageBrokerProps): void {
    const [field, other] = this.workflowHost === "standard" ? ["workflowProps", "consumption"] : ["workflowAppProps", "standard"];
    if (props[field as "workflowProps" | "workflowAppProps"] === undefined) return;
    invalid(this, {
      field,
      rule: `shapes the ${other} workflows, but workflowHost is "${this.workflowHost}"`,
      fix: `drop ${field}, or set workflowHost: "${other}"`,
    });
  }

  /** Shipping subscription (peek-lock) → webhook; complete, or abandon for a redelivery. */
  private createNotifyShipping(props: MessageBrokerProps): LogicAppWorkflow {
    const workflow = new LogicAppWorkflow(this, "NotifyShipping", {
      allowedCallerIpRanges: [],
      ...props.workflowProps,
      definitionFile: WORKLOADS.notifyShippingWorkflow,
      parameterValues: {
        orderEventsTopic: NAMES.orderEventsTopic,
        shippingSubscription: NAMES.shippingSubscription,
        shippingWebhookUrl: props.shippingWebhookUrl,
      },
    });
    this.addServiceBusConnection(workflow);
    this.shippingSubscription.grantReceive(workflow.principal);
    return workflow;
  }

  private addServiceBusConnection(workflow: LogicAppWorkflow): void {
    workflow.addConnection(NAMES.serviceBusConnection, {
      api: "servicebus",
      managedIdentity: true,
      parameterValues: { namespaceEndpoint: `sb://${this.busNamespace}/` },
    });
  }

  /**
   * The lake the function writes to. With VNet integration (prod) it is private (the StorageAccount defaults).
   * Without (dev) the function reaches it from App Service's shared outbound addresses, which a deny-by-default
   * firewall would block, so the firewall allows all networks (Entra ID only, as the FunctionApp does for its host
   * storage), and it also takes Event Grid's dead letters.
   */
  private createDataLake(props: StorageAccountProps | undefined, integrated: boolean): StorageAccount {
    const containers = [...(props?.containers ?? []), NAMES.telemetryContainer, ...(integrated ? [] : [NAMES.deadLetterContainer])];
    if (integrated) return new StorageAccount(this, "DataLake", { ...props, dataLake: true, containers: [...new Set(containers)] });
    const lake = new StorageAccount(this, "DataLake", {
      publicNetworkAccess: true,
      firewallDefaultAction: "Allow",
      ...props,
      dataLake: true,
      containers: [...new Set(containers)],
    });
    recordHole(this, lake, REACHABILITY_REASONS.dataLake, ["EventGrid"]);
    if (props?.firewallDefaultAction === undefined) recordSuppression(lake, "AIC-ST-005", DEV_LAKE_OPEN_REASON);
    return lake;
  }

  /** Event Grid's dead letters beside a private lake: the one account that keeps a public endpoint, for trusted services. */
  private createDeadLetterAccount(props: StorageAccountProps | undefined): StorageAccount {
    const account = new StorageAccount(this, "DeadLetters", {
      publicNetworkAccess: true,
      ...props,
      containers: [...new Set([...(props?.containers ?? []), NAMES.deadLetterContainer])],
    });
    if (props?.publicNetworkAccess === undefined) recordHole(this, account, REACHABILITY_REASONS.deadLetters, ["EventGrid"]);
    return account;
  }
}

// Recorded on the dev lake the pattern opens itself, so the pack reports the reason instead of a warning.
export const DEV_LAKE_OPEN_REASON =
  "Without VNet integration (dev) the function reaches the lake from Azure App Service's shared outbound addresses, " +
  "which a deny-by-default firewall blocks; every request still needs an Entra ID token (shared keys are off).";

/** Tiers that call out from shared addresses (learn.microsoft.com, "IP addresses of Azure API Management"). */
const NO_DEDICATED_OUTBOUND_IPS: readonly string[] = ["Consumption", "BasicV2", "StandardV2", "PremiumV2"];

