// The props of MessageBroker, apart from its wiring.
import { ApiManagementProps, IApiManagement } from "../../constructs/api-management";
import { AlertsProps } from "../../constructs/monitoring";
import { ApiManagementIngressOptions } from "../../constructs/application-gateway";
import { DisasterRecoveryOptions } from "../../constructs/core/disaster-recovery";
import { IPrincipal } from "../../constructs/core/grants";
import { CosmosDbAccountProps, ICosmosDbAccount } from "../../constructs/cosmos-db";
import { EventGridTopicProps } from "../../constructs/event-grid";
import { FunctionAppProps } from "../../constructs/function-app";
import { LogicAppWorkflowProps } from "../../constructs/logic-app";
import { LogicAppStandardProps } from "../../constructs/logic-app-standard";
import { IServiceBusNamespace, QueueOptions, ServiceBusNamespaceProps, TopicOptions } from "../../constructs/service-bus";
import { IStorageAccount, StorageAccountProps } from "../../constructs/storage";

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
   * a new one. Its identity (`principal`) is granted send on the queue. Not together with
   * `apiPublisher` or `apiManagementProps`. An ApiManagement or an import (`ApiManagement.fromName`/`fromId` with
   * `principalId`, and `sku`, `virtualNetworkType` and `publicIpAddresses` where known; the IPs are otherwise looked up).
   * @default a new ApiManagement
   */
  readonly existingApiManagement?: IApiManagement;
  /**
   * Props of the new API Management service, over the pattern's. Its tier must have dedicated
   * outbound IPs (not Consumption or a v2 tier): the Service Bus firewall admits them.
   * @default Premium in the prod profile (SLA), Developer otherwise; the ApiManagement defaults for the rest
   */
  readonly apiManagementProps?: Partial<ApiManagementProps>;
  /**
   * Range of the subnet a new service is injected into (Internal mode), created in prod when the
   * IntegrationContext's network is a `Network`, the tier is Developer or Premium and
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
   * Not together with `serviceBusProps`. A ServiceBusNamespace or an import (`ServiceBusNamespace.fromId`/`fromName` with its
   * `sku`: the queue and topic are created in it by id); with `disasterRecovery` it is not paired (its owner's concern).
   * @default a new ServiceBusNamespace
   */
  readonly existingServiceBus?: IServiceBusNamespace;
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
  readonly existingCosmosDb?: ICosmosDbAccount;
  /**
   * Props of the new Cosmos DB account, over the pattern's (public access on, IP filter for the managed connectors).
   * @default the CosmosDbAccount defaults
   */
  readonly cosmosDbProps?: CosmosDbAccountProps;
  /**
   * A Data Lake Gen2 account (`dataLake: true`) for the `telemetry` container (and, without VNet integration of the
   * function, `dead-letters`), added when missing: a StorageAccount or an import (`StorageAccount.fromId`/`fromName`,
   * taken to have a hierarchical namespace: not checked). Not together with `dataLakeProps`.
   * @default a new StorageAccount with dataLake: true
   */
  readonly existingDataLake?: IStorageAccount;
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
  /**
   * Props of both Consumption workflows (identity, access control, diagnostics).
   * @default the LogicAppWorkflow defaults, triggers closed to callers
   */
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
