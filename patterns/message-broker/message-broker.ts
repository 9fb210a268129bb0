import { Construct } from "constructs";
import {
  ApiManagement,
  IApiManagement,
  apiManagementPlacement,
  ApiManagementSubnet,
  ApimApi,
  contextApiManagementSubnet,
  pairedRegionGateway,
} from "../../constructs/api-management";
import { Alerts } from "../../constructs/monitoring";
import { ApiManagementIngress } from "../../constructs/application-gateway";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { IntegrationContext } from "../../constructs/core/context";
import { recordHole } from "../../constructs/core/flows";
import { invalid } from "../../constructs/core/errors";
import { copyGrants } from "../../constructs/core/grants";
import { resolveDisasterRecovery, withCosmosFailover, withGeoRedundantStorage } from "../../constructs/core/disaster-recovery";

import { exclusiveProps } from "../../constructs/core/props";
import { CosmosDbAccount, CosmosDbSqlContainer, CosmosDbSqlDatabase, ICosmosDbAccount } from "../../constructs/cosmos-db";
import { EventDestination, EventGridSubscription, EventGridTopic } from "../../constructs/event-grid";
import { FunctionApp } from "../../constructs/function-app";
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { LogicAppStandard } from "../../constructs/logic-app-standard";
import {
  GeoDisasterRecoveryAlias,
  IServiceBusNamespace,
  ServiceBusNamespace,
  ServiceBusNamespaceProps,
  ServiceBusQueue,
  ServiceBusSubscription,
  ServiceBusTopic,
} from "../../constructs/service-bus";
import { IStorageAccount } from "../../constructs/storage";
import { REACHABILITY_REASONS, concatRanges, managedConnectorRanges } from "./reachability";
import {
  DEFAULT_TELEMETRY_EVENT_TYPES,
  MESSAGE_BROKER_NAMES as NAMES,
  MESSAGE_BROKER_WORKLOADS as WORKLOADS,
  ORDER_EVENT_FILTERS,
} from "./workloads";
import type { MessageBrokerProps } from "./props";
import { createConsumptionWorkflows, createWorkflowApp } from "./workflows";
import { createDataLake, createDeadLetterAccount } from "./lakes";
import { checkOutboundAddresses, checkWorkflowProps } from "./validation";
export { DEV_LAKE_OPEN_REASON } from "./lakes";

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
  public readonly apiManagement: IApiManagement;
  /** The subnet, NSG and rules of the Internal-mode service (default in prod). */
  public readonly apiManagementSubnet?: ApiManagementSubnet;
  /** The Standard public IP of the injected service (management traffic). */
  public readonly apiManagementPublicIp?: PublicIp;
  /** The Application Gateway and DNS records in front of the Internal-mode service (default in prod). */
  public readonly ingress?: ApiManagementIngress;
  /** The `orders-intake` API (policy: queue the order, answer 202). */
  public readonly ordersIntakeApi: ApimApi;
  public readonly serviceBus: IServiceBusNamespace;
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
  public readonly cosmosDb: ICosmosDbAccount;
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
  public readonly dataLake: IStorageAccount;
  /** Where Event Grid's dead letters go: the dedicated account (prod) or the lake (dev). */
  public readonly deadLetterAccount: IStorageAccount;
  /** Device events → telemetry function, dead letters to the lake; created once the function's code is deployed. */
  public readonly telemetrySubscription: EventGridSubscription;
  /** The region's AzureConnectors IPv4 ranges (a list token read at plan time); only for Consumption workflows. */
  public readonly managedConnectorRanges?: string[];

  constructor(scope: Construct, id: string, props: MessageBrokerProps) {
    super(scope, id);
    this.validate(props);
    const primaryLocation = IntegrationContext.resourceGroup(this, undefined).location;
    this.pairedLocation = resolveDisasterRecovery(this, props.disasterRecovery, primaryLocation);
    this.checkDisasterRecoveryTier(props);
    ({
      service: this.apiManagement,
      subnet: this.apiManagementSubnet,
      publicIp: this.apiManagementPublicIp,
      ingress: this.ingress,
    } = props.existingApiManagement ? { service: props.existingApiManagement } : this.createApiManagement(props));
    checkOutboundAddresses(this, this.apiManagement, props.existingApiManagement !== undefined);
    this.workflowHost = props.workflowHost ?? (IntegrationContext.of(this).network ? "standard" : "consumption");
    checkWorkflowProps(this, this.workflowHost, props);
    this.managedConnectorRanges = this.workflowHost === "consumption" ? managedConnectorRanges(this, primaryLocation) : undefined;
    ({
      namespace: this.serviceBus,
      secondary: this.serviceBusSecondary,
      alias: this.serviceBusAlias,
    } = this.createServiceBus(props, primaryLocation));
    ({
      queue: this.ordersQueue,
      topic: this.orderEventsTopic,
      billing: this.billingSubscription,
      shipping: this.shippingSubscription,
    } = this.addEntities(props));
    this.ordersIntakeApi = this.exposeOrdersIntake();
    ({ account: this.cosmosDb, database: this.ordersDatabase, container: this.ordersContainer } = this.createOrdersStore(props));
    if (this.workflowHost === "consumption") {
      ({
        processOrder: this.processOrderWorkflow,
        notifyShipping: this.notifyShippingWorkflow,
      } = createConsumptionWorkflows(this, props, this.busNamespace));
    } else {
      this.workflowApp = createWorkflowApp(this, props, this.busNamespace);
    }
    ({
      telemetryFunction: this.telemetryFunction,
      dataLake: this.dataLake,
      deadLetterAccount: this.deadLetterAccount,
      deviceTopic: this.deviceTopic,
      telemetrySubscription: this.telemetrySubscription,
    } = this.createTelemetry(props));
    if (this.serviceBusSecondary) this.mirrorEntityGrants(this.serviceBusSecondary);
    // Last, so it finds every alertable resource of the pattern (see the README's "Alerts").
    this.alerts = props.alerts === false ? undefined : new Alerts(this, "Alerts", props.alerts).watch(this);
  }

  private validate(props: MessageBrokerProps): void {
    exclusiveProps(this, [
      ["existingApiManagement", props.existingApiManagement, "apiPublisher", props.apiPublisher],
      ["existingApiManagement", props.existingApiManagement, "apiManagementProps", props.apiManagementProps],
      // They shape the subnet and gateway of a service created here; an existing one keeps its own network.
      ["existingApiManagement", props.existingApiManagement, "apiManagementSubnetPrefix", props.apiManagementSubnetPrefix],
      ["existingApiManagement", props.existingApiManagement, "ingress", props.ingress || undefined],
      ["existingServiceBus", props.existingServiceBus, "serviceBusProps", props.serviceBusProps],
      ["existingCosmosDb", props.existingCosmosDb, "cosmosDbProps", props.cosmosDbProps],
      ["existingDataLake", props.existingDataLake, "dataLakeProps", props.dataLakeProps],
    ]);
    if (props.existingDataLake?.dataLake === false) {
      invalid(this, {
        field: "existingDataLake",
        value: props.existingDataLake.node.path,
        rule: "has no hierarchical namespace (dataLake: false), and telemetry belongs in a Data Lake Gen2 filesystem",
        fix: "pass a StorageAccount created with dataLake: true, or leave existingDataLake out to get one",
      });
    }
  }

  /** Checked before anything is created: the namespace tier is the reason a dev environment cannot have disaster recovery. */
  private checkDisasterRecoveryTier(props: MessageBrokerProps): void {
    const busSku = props.serviceBusProps?.sku ?? IntegrationContext.of(this).defaults.serviceBusSku;
    if (this.pairedLocation === undefined || props.existingServiceBus || busSku === "Premium") return;
    invalid(this, {
      field: "disasterRecovery",
      value: this.pairedLocation,
      rule: `needs Service Bus geo-disaster recovery, which pairs Premium namespaces only, but the namespace is "${busSku}"`,
      fix: 'use the prod profile (Premium), set serviceBusProps.sku "Premium", or drop disasterRecovery',
    });
  }

  /** An injected service calls Service Bus from the VNet (its private endpoint); one outside sends from its public IPs. */
  private get apiManagementInjected(): boolean {
    const vnetType = this.apiManagement.virtualNetworkType;
    return vnetType === "Internal" || vnetType === "External";
  }

  /**
   * The namespace (and, with disaster recovery, its geo-DR secondary and alias). Its public endpoint stays only for
   * multi-tenant callers: Consumption connectors, API Management outside a VNet.
   */
  private createServiceBus(props: MessageBrokerProps, primaryLocation: string) {
    const connectorRanges = this.managedConnectorRanges;
    const injected = this.apiManagementInjected;
    const busCallers = [...(connectorRanges ? ["AzureConnectors"] : []), ...(injected ? [] : ["ApiManagement"])];
    // Only a new namespace gets these props: reading an imported service's addresses for nothing would add its lookup.
    const busProps: ServiceBusNamespaceProps | undefined =
      props.existingServiceBus || busCallers.length === 0
        ? props.serviceBusProps
        : {
            ...props.serviceBusProps,
            publicNetworkAccess: props.serviceBusProps?.publicNetworkAccess ?? true,
            allowedIpRanges: concatRanges(
              props.serviceBusProps?.allowedIpRanges ?? IntegrationContext.of(this).allowedIpRanges ?? [],
              ...(connectorRanges ? [connectorRanges] : []),
              ...(injected ? [] : [this.apiManagement.publicIpAddresses]),
            ),
          };
    const created = props.existingServiceBus ? undefined : new ServiceBusNamespace(this, "ServiceBus", busProps);
    const namespace: IServiceBusNamespace = props.existingServiceBus ?? created!;
    const busReason = !connectorRanges
      ? REACHABILITY_REASONS.serviceBusApiManagement
      : injected
      ? REACHABILITY_REASONS.serviceBusConnectors
      : REACHABILITY_REASONS.serviceBus;
    // An existing namespace keeps its owner's network settings and pairing (the README says what it must admit).
    if (!created) return { namespace };
    if (busCallers.length > 0) recordHole(this, created, busReason, busCallers);
    if (this.pairedLocation === undefined) return { namespace };
    const secondary = this.createSecondaryNamespace(busProps, this.pairedLocation, primaryLocation);
    if (busCallers.length > 0) recordHole(this, secondary, busReason, busCallers);
    return { namespace, secondary, alias: created.pairWith(secondary) };
  }

  /** The queue levels the intake load, the topic fans order events out to filtered subscriptions. */
  private addEntities(props: MessageBrokerProps) {
    const queue = this.serviceBus.addQueue(NAMES.ordersQueue, {
      requiresSession: true,
      requiresDuplicateDetection: true,
      lockDuration: "PT2M",
      ...props.ordersQueueOptions,
    });
    const topic = this.serviceBus.addTopic(NAMES.orderEventsTopic, { requiresDuplicateDetection: true, ...props.orderEventsTopicOptions });
    const billing = topic.addSubscription(NAMES.billingSubscription, { rules: ORDER_EVENT_FILTERS.billing });
    const shipping = topic.addSubscription(NAMES.shippingSubscription, { rules: ORDER_EVENT_FILTERS.shipping });
    return { queue, topic, billing, shipping };
  }

  /** API Management → queue, with its managed identity; with geo-DR through the alias, which a failover repoints. */
  private exposeOrdersIntake(): ApimApi {
    this.apiManagement.addNamedValue(NAMES.serviceBusEndpointNamedValue, {
      value: this.serviceBusAlias ? `https://${this.busNamespace}:443/` : this.serviceBus.endpoint,
    });
    this.apiManagement.addNamedValue(NAMES.ordersQueueNamedValue, { value: NAMES.ordersQueue });
    const api = this.apiManagement.addApi(NAMES.api, {
      path: NAMES.apiPath,
      displayName: "Orders intake",
      description: "Queues orders on Service Bus for asynchronous processing",
      openApiFile: WORKLOADS.ordersIntakeOpenApi,
      policyFile: WORKLOADS.ordersIntakePolicy,
    });
    this.ordersQueue.grantSend(this.apiManagement.principal);
    const bus = this.serviceBus instanceof ServiceBusNamespace ? this.serviceBus : this.serviceBus.id; // an import's resource is elsewhere
    this.apiManagement.recordCall(bus, "send-request: queue orders (orders-intake policy)");
    return api;
  }

  /**
   * Cosmos DB: the orders, one logical partition per customer. Only Consumption's documentdb connector needs the
   * public endpoint; Standard's built-in one uses the private endpoint.
   */
  private createOrdersStore(props: MessageBrokerProps) {
    const connectorRanges = this.managedConnectorRanges;
    const accountProps = connectorRanges
      ? {
          ...props.cosmosDbProps,
          publicNetworkAccess: props.cosmosDbProps?.publicNetworkAccess ?? true,
          allowedIpRanges: concatRanges(props.cosmosDbProps?.allowedIpRanges ?? IntegrationContext.of(this).allowedIpRanges ?? [], connectorRanges),
        }
      : props.cosmosDbProps;
    const account: ICosmosDbAccount =
      props.existingCosmosDb ?? new CosmosDbAccount(this, "CosmosDb", withCosmosFailover(accountProps, this.pairedLocation));
    if (!props.existingCosmosDb && account instanceof CosmosDbAccount && connectorRanges) {
      recordHole(this, account, REACHABILITY_REASONS.cosmosDb, ["AzureConnectors"]);
    }
    const database = account.databases.get(NAMES.cosmosDatabase) ?? account.addDatabase(NAMES.cosmosDatabase);
    const container =
      database.containers.get(NAMES.cosmosContainer) ??
      database.addContainer(NAMES.cosmosContainer, { partitionKeyPaths: [NAMES.cosmosPartitionKey] });
    return { account, database, container };
  }

  /** Devices → Event Grid → function → Data Lake, dead letters to their own account once the lake is private. */
  private createTelemetry(props: MessageBrokerProps) {
    const telemetryFunction = new FunctionApp(this, "TelemetryIngest", {
      ...props.telemetryFunctionProps,
      publicNetworkAccess: props.telemetryFunctionProps?.publicNetworkAccess ?? true,
      firewallDefaultAction: props.telemetryFunctionProps?.firewallDefaultAction ?? "Deny",
      code: { path: WORKLOADS.telemetryIngestApp },
    });
    recordHole(this, telemetryFunction, REACHABILITY_REASONS.functionApp, ["EventGrid"]);
    // With VNet integration the function reaches a private lake; Event Grid's dead letters then need their own account.
    const integrated = telemetryFunction.vnetIntegrated;
    const dataLake = props.existingDataLake ?? createDataLake(this, withGeoRedundantStorage(props.dataLakeProps, this.pairedLocation), integrated);
    const deadLetterAccount: IStorageAccount = integrated ? createDeadLetterAccount(this, props.deadLetterAccountProps) : dataLake;
    if (!dataLake.containers.has(NAMES.telemetryContainer)) dataLake.addContainer(NAMES.telemetryContainer);
    if (!deadLetterAccount.containers.has(NAMES.deadLetterContainer)) deadLetterAccount.addContainer(NAMES.deadLetterContainer);
    const deadLetters = deadLetterAccount.containers.get(NAMES.deadLetterContainer)!;
    telemetryFunction.connectStorage(NAMES.dataLakeConnection, dataLake, "write");

    const deviceTopic = new EventGridTopic(this, "DeviceEvents", { ...props.deviceTopicProps, inputSchema: "CloudEventSchemaV1_0" });
    for (const publisher of props.devicePublishers ?? []) deviceTopic.grantPublish(publisher);
    // The destination checks the code registers the function with an Event Grid trigger; the
    // subscription waits for the function's code deployment (EventGridSubscription does that).
    const telemetrySubscription = deviceTopic.addSubscription("telemetry-ingest", {
      destination: EventDestination.function(telemetryFunction, NAMES.telemetryFunction),
      includedEventTypes: [...(props.telemetryEventTypes ?? DEFAULT_TELEMETRY_EVENT_TYPES)],
      // Invalid readings fail every attempt; ten attempts bound the time to their dead letter.
      maxDeliveryAttempts: 10,
      deadLetter: { storageAccountId: deadLetterAccount.id, containerName: NAMES.deadLetterContainer, container: deadLetters },
    });
    return { telemetryFunction, dataLake, deadLetterAccount, deviceTopic, telemetrySubscription };
  }

  /** A new service: where the profile injects (prod: Developer or Premium, a Network in the context) Internal mode in a subnet created here. */
  private createApiManagement(props: MessageBrokerProps): NewApiManagement {
    const publisherName = props.apiManagementProps?.publisherName ?? props.apiPublisher?.name;
    const publisherEmail = props.apiManagementProps?.publisherEmail ?? props.apiPublisher?.email;
    if (publisherName === undefined || publisherEmail === undefined) {
      invalid(this, {
        field: "apiPublisher",
        rule: "is missing, and a new API Management service needs a publisher name and email",
        fix: "pass apiPublisher (e.g. the environment's apiPublisher), or existingApiManagement",
      });
    }
    const { sku, network } = apiManagementPlacement(this, props.apiManagementProps?.sku, props.apiManagementProps?.virtualNetwork !== undefined);
    if (!network) this.checkNotInjected(props);
    // Regions the caller chose win; otherwise the paired region's gateway (disasterRecovery).
    const additionalLocations =
      props.apiManagementProps?.additionalLocations === undefined
        ? pairedRegionGateway(this, {
            pairedLocation: this.pairedLocation,
            sku,
            inVirtualNetwork: network !== undefined || props.apiManagementProps?.virtualNetwork !== undefined,
            skuField: "apiManagementProps.sku",
            ownRegionHint: "Give apiManagementProps.additionalLocations with subnets of your own to add it.",
          })
        : undefined;
    const serviceProps = { ...props.apiManagementProps, sku, publisherName, publisherEmail, ...(additionalLocations ? { additionalLocations } : {}) };
    if (!network) return { service: new ApiManagement(this, "ApiManagement", serviceProps) };
    const subnet = contextApiManagementSubnet(this, network, props.apiManagementSubnetPrefix, undefined);
    const service = new ApiManagement(this, "ApiManagement", { ...serviceProps, virtualNetwork: { type: "Internal", subnetId: subnet.subnetId } });
    const publicIp = subnet.inject(service);
    const ingress = props.ingress !== false ? new ApiManagementIngress(this, "Ingress", { ...props.ingress, service, network }) : undefined;
    return { service, subnet, publicIp, ingress };
  }

  /** The props that shape the injected service are a mistake on one that is not injected: they would be silently ignored. */
  private checkNotInjected(props: MessageBrokerProps): void {
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
      copyGrants(entity, scope, path.replace(/\//g, "-"), `${secondary.id}/${path}`, [this.serviceBusAlias!.resource]);
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

}

/** A new service and, when injected, its subnet, public IP and ingress. */
interface NewApiManagement {
  readonly service: ApiManagement;
  readonly subnet?: ApiManagementSubnet;
  readonly publicIp?: PublicIp;
  readonly ingress?: ApiManagementIngress;
}

