import { Construct } from "constructs";
import { ApiManagement, ApiManagementProps, ApiManagementSubnet, ApimApi } from "../../constructs/api-management";
import { Alerts, AlertsProps } from "../../constructs/monitoring";
import { ApiManagementIngress, ApiManagementIngressOptions } from "../../constructs/application-gateway";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { Network } from "../../constructs/network";
import { IntegrationContext } from "../../constructs/core/context";
import { recordHole } from "../../constructs/core/flows";
import { invalid } from "../../constructs/core/errors";
import { exclusiveProps } from "../../constructs/core/props";
import { IPrincipal } from "../../constructs/core/grants";
import { CosmosDbAccount, CosmosDbAccountProps, CosmosDbSqlContainer, CosmosDbSqlDatabase } from "../../constructs/cosmos-db";
import { EventDestination, EventGridSubscription, EventGridTopic, EventGridTopicProps } from "../../constructs/event-grid";
import { FunctionApp, FunctionAppProps } from "../../constructs/function-app";
import { LogicAppWorkflow, LogicAppWorkflowProps } from "../../constructs/logic-app";
import {
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
   * A Data Lake Gen2 account (`dataLake: true`) for the `telemetry` and `dead-letters` containers
   * (added when missing). Not together with `dataLakeProps`.
   * @default a new StorageAccount with dataLake: true
   */
  readonly existingDataLake?: StorageAccount;
  /**
   * Props of the new Data Lake account, over the pattern's: without VNet integration of the
   * function app (dev) its firewall allows all networks (Entra ID only); with it, public access
   * stays on for Event Grid's dead letters, behind a deny-by-default firewall.
   * @default dataLake: true, containers telemetry and dead-letters
   */
  readonly dataLakeProps?: StorageAccountProps;
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
  /** Props of both workflows (identity, access control, diagnostics). @default the LogicAppWorkflow defaults, triggers closed to callers */
  readonly workflowProps?: Omit<LogicAppWorkflowProps, "definitionFile" | "definition" | "parameterValues">;
  /**
   * Alerts on the pattern's failure signals (see the README's "Alerts"), to `actionGroupId`; `false` creates none.
   * @default on, with the default thresholds, notifying nobody until an action group is given
   */
  readonly alerts?: AlertsProps | false;
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
  /** Queue → Cosmos DB → topic. */
  public readonly processOrderWorkflow: LogicAppWorkflow;
  /** Shipping subscription → webhook. */
  public readonly notifyShippingWorkflow: LogicAppWorkflow;
  /** `device-events` (CloudEvents 1.0). */
  public readonly deviceTopic: EventGridTopic;
  /** Event Grid-triggered telemetry ingestion. */
  public readonly telemetryFunction: FunctionApp;
  /** Data Lake Gen2 account with `telemetry` and `dead-letters`. */
  public readonly dataLake: StorageAccount;
  /** Device events → telemetry function, dead letters to the lake; created once the function's code is deployed. */
  public readonly telemetrySubscription: EventGridSubscription;
  /** The region's AzureConnectors IPv4 ranges (a list token read at plan time). */
  public readonly managedConnectorRanges: string[];

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

    this.apiManagement = props.existingApiManagement ?? this.createApiManagement(props);
    // An injected service calls Service Bus from the VNet (its private endpoint); one outside sends from its public IPs.
    const vnetType = this.apiManagement.resource.virtualNetworkTypeInput;
    const injected = vnetType === "Internal" || vnetType === "External";
    this.checkOutboundAddresses(this.apiManagement, props.existingApiManagement !== undefined);
    this.managedConnectorRanges = managedConnectorRanges(this, IntegrationContext.resourceGroup(this, undefined).location);

    // Service Bus: the queue levels the intake load, the topic fans order events out.
    this.serviceBus =
      props.existingServiceBus ??
      new ServiceBusNamespace(this, "ServiceBus", {
        ...props.serviceBusProps,
        publicNetworkAccess: props.serviceBusProps?.publicNetworkAccess ?? true,
        allowedIpRanges: concatRanges(
          props.serviceBusProps?.allowedIpRanges ?? allowedIpRanges,
          this.managedConnectorRanges,
          ...(injected ? [] : [this.apiManagement.resource.publicIpAddresses]),
        ),
      });
    if (!props.existingServiceBus) {
      const reason = injected ? REACHABILITY_REASONS.serviceBusConnectors : REACHABILITY_REASONS.serviceBus;
      recordHole(this, this.serviceBus, reason, injected ? ["AzureConnectors"] : ["AzureConnectors", "ApiManagement"]);
    }
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
    this.apiManagement.addNamedValue(NAMES.serviceBusEndpointNamedValue, { value: this.serviceBus.resource.endpoint });
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
    this.cosmosDb =
      props.existingCosmosDb ??
      new CosmosDbAccount(this, "CosmosDb", {
        ...props.cosmosDbProps,
        publicNetworkAccess: props.cosmosDbProps?.publicNetworkAccess ?? true,
        allowedIpRanges: concatRanges(props.cosmosDbProps?.allowedIpRanges ?? allowedIpRanges, this.managedConnectorRanges),
      });
    if (!props.existingCosmosDb) recordHole(this, this.cosmosDb, REACHABILITY_REASONS.cosmosDb, ["AzureConnectors"]);
    this.ordersDatabase = this.cosmosDb.databases.get(NAMES.cosmosDatabase) ?? this.cosmosDb.addDatabase(NAMES.cosmosDatabase);
    this.ordersContainer =
      this.ordersDatabase.containers.get(NAMES.cosmosContainer) ??
      this.ordersDatabase.addContainer(NAMES.cosmosContainer, { partitionKeyPaths: [NAMES.cosmosPartitionKey] });

    this.processOrderWorkflow = this.createProcessOrder(props);
    this.notifyShippingWorkflow = this.createNotifyShipping(props);

    // Devices → Event Grid → function → Data Lake.
    this.telemetryFunction = new FunctionApp(this, "TelemetryIngest", {
      ...props.telemetryFunctionProps,
      publicNetworkAccess: props.telemetryFunctionProps?.publicNetworkAccess ?? true,
      firewallDefaultAction: props.telemetryFunctionProps?.firewallDefaultAction ?? "Deny",
      code: { path: WORKLOADS.telemetryIngestApp },
    });
    recordHole(this, this.telemetryFunction, REACHABILITY_REASONS.functionApp, ["EventGrid"]);

    this.dataLake = props.existingDataLake ?? this.createDataLake(props.dataLakeProps);
    for (const container of [NAMES.telemetryContainer, NAMES.deadLetterContainer]) {
      if (!this.dataLake.containers.has(container)) this.dataLake.addContainer(container);
    }
    const deadLetters = this.dataLake.containers.get(NAMES.deadLetterContainer)!;
    this.telemetryFunction.connectStorage(NAMES.dataLakeConnection, this.dataLake, "write");

    this.deviceTopic = new EventGridTopic(this, "DeviceEvents", { ...props.deviceTopicProps, inputSchema: "CloudEventSchemaV1_0" });
    for (const publisher of props.devicePublishers ?? []) this.deviceTopic.grantPublish(publisher);
    // Checks the function is registered by the code (the endpoint id itself is built by the destination).
    this.telemetryFunction.functionEndpointId(NAMES.telemetryFunction);
    // The subscription waits for the function's code deployment (EventGridSubscription does that).
    this.telemetrySubscription = this.deviceTopic.addSubscription("telemetry-ingest", {
      destination: EventDestination.azureFunction(this.telemetryFunction.id, NAMES.telemetryFunction),
      includedEventTypes: [...(props.telemetryEventTypes ?? DEFAULT_TELEMETRY_EVENT_TYPES)],
      // Invalid readings fail every attempt; ten attempts bound the time to their dead letter.
      maxDeliveryAttempts: 10,
      deadLetter: { storageAccountId: this.dataLake.id, containerName: NAMES.deadLetterContainer, container: deadLetters },
    });
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
    const props2 = { ...props.apiManagementProps, sku, publisherName, publisherEmail };
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
      parameterValues: { namespaceEndpoint: `sb://${this.serviceBus.fullyQualifiedNamespace}/` },
    });
  }

  /**
   * The lake the function writes to. Without VNet integration (dev) the function reaches it from
   * App Service's shared outbound addresses, which a deny-by-default firewall would block, so the
   * firewall allows all networks (Entra ID only, as the FunctionApp does for its host storage).
   */
  private createDataLake(props: StorageAccountProps | undefined): StorageAccount {
    const integrated = this.telemetryFunction.resource.virtualNetworkSubnetIdInput !== undefined;
    const lake = new StorageAccount(this, "DataLake", {
      publicNetworkAccess: true,
      firewallDefaultAction: integrated ? "Deny" : "Allow",
      ...props,
      dataLake: true,
      containers: [...new Set([...(props?.containers ?? []), NAMES.telemetryContainer, NAMES.deadLetterContainer])],
    });
    recordHole(this, lake, REACHABILITY_REASONS.dataLake, ["EventGrid"]);
    return lake;
  }
}

/** Tiers that call out from shared addresses (learn.microsoft.com, "IP addresses of Azure API Management"). */
const NO_DEDICATED_OUTBOUND_IPS: readonly string[] = ["Consumption", "BasicV2", "StandardV2", "PremiumV2"];

