import * as path from "path";
import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import {
  DisasterRecoveryOptions,
  IntegrationContext,
  UserAssignedIdentity,
  addDependency,
  recordHole,
  resolveDisasterRecovery,
  withCosmosFailover,
  withGeoRedundantStorage,
} from "../../constructs/core";
import { Alerts, AlertsProps } from "../../constructs/monitoring";
import { CosmosDbAccount, CosmosDbAccountProps, CosmosDbSqlContainer, CosmosDbSqlDatabase } from "../../constructs/cosmos-db";
import {
  AdvancedFilter,
  DeadLetterOptions,
  EventDestination,
  EventGridSubscription,
  EventGridSystemTopic,
  EventGridTopic,
  EventGridTopicProps,
  EventSubscriptionOptions,
  WebhookOptions,
} from "../../constructs/event-grid";
import { FunctionApp, FunctionAppProps, ICosmosDbAccountConnectable } from "../../constructs/function-app";
import { LogicAppWorkflow, LogicAppWorkflowProps, NO_ADDRESS } from "../../constructs/logic-app";
import { StorageAccount, StorageAccountProps } from "../../constructs/storage";
import { CONNECTIONS, COSMOS, EVENT_TYPES, FUNCTIONS, ORDER_STATUSES, SUBJECTS, UPLOADS_CONTAINER } from "../../workloads/functions/event-handlers/src/contract";
import { validateEventDrivenProps } from "./validation";

/** The function app with the event handlers (TypeScript, `@azure/functions` v4). */
export const EVENT_HANDLERS_CODE = path.resolve(__dirname, "../../workloads/functions/event-handlers");
/** The high-value-order workflow (the Logic Apps designer's JSON). */
export const HIGH_VALUE_ORDER_WORKFLOW = path.resolve(__dirname, "../../workloads/logic-apps/high-value-order.workflow.json");

/** The blob container every subscription dead-letters to (Event Grid writes `<topic>/<subscription>/...` blobs). */
export const DEAD_LETTER_CONTAINER = "dead-letters";

/** Retries of every subscription of the pattern. */
export interface EventDrivenRetryPolicy {
  /** Delivery attempts before an event is dead-lettered, 1-30. @default 10 */
  readonly maxDeliveryAttempts?: number;
  /** Minutes an event is retried before it is dead-lettered, 1-1440. @default 1440 (24 hours) */
  readonly eventTimeToLive?: number;
}

/** An HTTPS endpoint outside the stack that receives some of the business events. */
export interface ExternalWebhookOptions extends WebhookOptions {
  /**
   * The endpoint, `https://` only. It must answer Event Grid's CloudEvents validation handshake
   * (an HTTP OPTIONS request with `WebHook-Request-Origin`). A URL carrying a secret (`sig=`,
   * `code=`, ...) must be a token, e.g. a sensitive TerraformVariable, never a literal.
   */
  readonly url: string;
  /** Subscription name (3-64 letters, digits and hyphens). @default "external-webhook" */
  readonly subscriptionName?: string;
  /** CloudEvents types to deliver. @default ["Orders.Changed"] */
  readonly includedEventTypes?: readonly string[];
  /** Subject prefix. @default "/orders/" */
  readonly subjectBeginsWith?: string;
  /** Advanced filters (ANDed). @default `data.status` in Shipped, Cancelled: a partner hears about shipments and cancellations */
  readonly advancedFilters?: readonly AdvancedFilter[];
}

export interface EventDrivenProps {
  /**
   * Props of the business-events topic. Its input schema is always CloudEvents 1.0.
   * @default the EventGridTopic defaults (local auth off, private endpoint in prod), named after the construct id "BusinessEvents"
   */
  readonly topicProps?: Omit<EventGridTopicProps, "inputSchema">;
  /**
   * The storage account whose new blobs in `incoming` are events, e.g. one applications already
   * upload to; the pattern adds the `incoming` container when missing. Azure allows one system
   * topic per source, so the account must have none yet. Cannot be combined with `uploadsAccountProps`.
   * @default a new StorageAccount "Uploads"
   */
  readonly existingUploadsAccount?: StorageAccount;
  /** Props of the new uploads account. @default the StorageAccount defaults */
  readonly uploadsAccountProps?: StorageAccountProps;
  /**
   * A Cosmos DB (NoSQL) account to hold the `commerce` database (containers `orders`, `leases`,
   * `uploads`; existing ones are reused). Cannot be combined with `cosmosDbProps`.
   * @default a new CosmosDbAccount "Commerce"
   */
  readonly existingCosmosDb?: CosmosDbAccount;
  /**
   * Props of the new Cosmos DB account.
   * @default the CosmosDbAccount defaults; without a private network the firewall allows all networks (keys are off, Entra ID guards every call) so the functions' shared outbound addresses get through
   */
  readonly cosmosDbProps?: CosmosDbAccountProps;
  /**
   * Where undeliverable events go. Event Grid writes dead letters as a trusted Microsoft service
   * through the account's public endpoint, with the source's system-assigned identity: the account
   * must keep public network access on (firewall deny with the AzureServices bypass is fine).
   * Cannot be combined with `deadLetterAccountProps`.
   * @default a new StorageAccount "DeadLetters" with a `dead-letters` container
   */
  readonly existingDeadLetterAccount?: StorageAccount;
  /** Props of the new dead-letter account. @default public network access on behind a deny-by-default firewall */
  readonly deadLetterAccountProps?: StorageAccountProps;
  /**
   * Props of the event-handlers function app (the code is the pattern's). Event Grid pushes
   * events over the public endpoint only, so the app keeps it, open to the `AzureEventGrid`
   * service tag (plus `allowedIpRanges`).
   * @default the FunctionApp defaults with publicNetworkAccess true and firewallDefaultAction "Deny"
   */
  readonly functionAppProps?: Omit<FunctionAppProps, "code">;
  /**
   * Props of the high-value-order workflow (the definition is the pattern's).
   * @default the LogicAppWorkflow defaults with allowedCallerIpRanges ["0.0.0.0/0"] (Event Grid has no fixed addresses and Logic Apps access control takes no service tags, so the callback URL's signature is the credential) and action endpoints closed
   */
  readonly workflowProps?: Omit<LogicAppWorkflowProps, "definitionFile" | "definition">;
  /** Orders with a total above this (a whole number) go to the workflow. @default 1000 */
  readonly highValueThreshold?: number;
  /** A webhook outside the stack, subscribed to the business-events topic. @default none */
  readonly externalWebhook?: ExternalWebhookOptions;
  /** Retries of every subscription. @default 10 attempts within 1440 minutes */
  readonly retryPolicy?: EventDrivenRetryPolicy;
  /**
   * Further resources the function subscriptions wait for. They already wait for the handlers'
   * code deployment (`handlers.codeDeployed`): Event Grid checks a function exists when its
   * subscription is created (azurerm #8415).
   * @default none beyond the code deployment
   */
  readonly functionSubscriptionsDependOn?: readonly ITerraformDependable[];
  /**
   * Alerts on the pattern's failure signals (see the README's "Alerts"), to `actionGroupId`; `false` creates none.
   * @default on, with the default thresholds, notifying nobody until an action group is given
   */
  readonly alerts?: AlertsProps | false;
  /**
   * A second region for the stateful parts (see the README's "Disaster recovery"): the Cosmos DB
   * account's failover region with automatic failover, and GZRS for the uploads account. Existing
   * resources are left to their owner; Event Grid topics and the functions stay in one region.
   * @default off
   */
  readonly disasterRecovery?: DisasterRecoveryOptions;
}

/** The subscriptions the pattern creates, by handler. */
export interface EventDrivenSubscriptions {
  /** Storage system topic → `onBlobCreated`. */
  readonly blobCreated: EventGridSubscription;
  /** `Orders.Changed` → `onOrderChanged`. */
  readonly orderChanged: EventGridSubscription;
  /** `Uploads.Received` → `onUploadReceived`. */
  readonly uploadReceived: EventGridSubscription;
  /** `Orders.Changed` with `data.total` above the threshold → the workflow's callback URL. */
  readonly highValueOrders: EventGridSubscription;
  /** Present with `externalWebhook`. */
  readonly externalWebhook?: EventGridSubscription;
}

/**
 * Event-driven integration: Blob Storage, Cosmos DB and custom applications feed an Event Grid
 * topic (CloudEvents 1.0) whose subscriptions fan out to two functions, a Logic App and a webhook,
 * each with filters, an explicit retry policy and dead-lettering.
 *
 * - Custom applications publish with the `publisher` identity (EventGrid Data Sender).
 * - Cosmos DB has no Event Grid events: `publishOrderChanges` reads the `orders` change feed and
 *   publishes `Orders.Changed` through its Event Grid output binding.
 * - Blob Storage publishes to its own system topic, and Event Grid cannot chain a system topic
 *   into a custom topic: `BlobCreated` in `incoming` goes to `onBlobCreated`, which republishes it
 *   as `Uploads.Received`.
 * - Handlers of the topic: `onOrderChanged` and `onUploadReceived` (one function app, one
 *   subscription each), the high-value-order workflow and, when configured, an external webhook.
 */
export class EventDriven extends Construct {
  /** The alerts on the pattern's failure signals; undefined with `alerts: false`. */
  public readonly alerts: Alerts | undefined;
  public readonly topic: EventGridTopic;
  /** The identity custom applications publish with (EventGrid Data Sender on the topic). */
  public readonly publisher: UserAssignedIdentity;
  public readonly publisherGrant: RoleAssignment;
  public readonly uploads: StorageAccount;
  public readonly uploadsContainer: StorageContainer;
  public readonly uploadsEvents: EventGridSystemTopic;
  public readonly cosmosDb: CosmosDbAccount;
  public readonly database: CosmosDbSqlDatabase;
  public readonly ordersContainer: CosmosDbSqlContainer;
  public readonly leasesContainer: CosmosDbSqlContainer;
  public readonly uploadRecordsContainer: CosmosDbSqlContainer;
  public readonly deadLetters: StorageAccount;
  public readonly deadLetterContainer: StorageContainer;
  /** Where every subscription dead-letters. */
  public readonly deadLetter: DeadLetterOptions;
  /** `onBlobCreated`, `onOrderChanged`, `onUploadReceived`, `publishOrderChanges`. */
  public readonly handlers: FunctionApp;
  public readonly highValueOrderWorkflow: LogicAppWorkflow;
  public readonly subscriptions: EventDrivenSubscriptions;
  /** What every subscription retries. */
  public readonly retryPolicy: Required<EventDrivenRetryPolicy>;
  public readonly highValueThreshold: number;
  /** The paired region (`disasterRecovery`), normalized; undefined without disaster recovery. */
  public readonly pairedLocation?: string;

  constructor(scope: Construct, id: string, props: EventDrivenProps = {}) {
    super(scope, id);
    validateEventDrivenProps(this, props);
    const privateNetwork = IntegrationContext.of(this).network !== undefined;
    this.pairedLocation = resolveDisasterRecovery(this, props.disasterRecovery, IntegrationContext.resourceGroup(this, undefined).location);
    this.highValueThreshold = props.highValueThreshold ?? 1000;
    this.retryPolicy = { maxDeliveryAttempts: props.retryPolicy?.maxDeliveryAttempts ?? 10, eventTimeToLive: props.retryPolicy?.eventTimeToLive ?? 1440 };

    // The business-events topic and who may publish to it.
    this.topic = new EventGridTopic(this, "BusinessEvents", { ...props.topicProps, inputSchema: "CloudEventSchemaV1_0" });
    this.publisher = new UserAssignedIdentity(this, "Publisher");
    this.publisherGrant = this.topic.grantPublish(this.publisher);

    // Where undeliverable events land.
    this.deadLetters = props.existingDeadLetterAccount ?? this.createDeadLetterAccount(props.deadLetterAccountProps);
    this.deadLetterContainer = this.deadLetters.containers.get(DEAD_LETTER_CONTAINER) ?? this.deadLetters.addContainer(DEAD_LETTER_CONTAINER);
    this.deadLetter = { storageAccountId: this.deadLetters.id, containerName: DEAD_LETTER_CONTAINER, container: this.deadLetterContainer };

    // Blob Storage: the uploads account and its system topic.
    this.uploads =
      props.existingUploadsAccount ?? new StorageAccount(this, "Uploads", withGeoRedundantStorage(props.uploadsAccountProps, this.pairedLocation));
    this.uploadsContainer = this.uploads.containers.get(UPLOADS_CONTAINER) ?? this.uploads.addContainer(UPLOADS_CONTAINER);
    this.uploadsEvents = new EventGridSystemTopic(this, "UploadsEvents", { sourceResourceId: this.uploads.id, topicType: "Microsoft.Storage.StorageAccounts" });

    // Cosmos DB: orders (change feed), leases (the trigger's checkpoints), upload records.
    this.cosmosDb =
      props.existingCosmosDb ??
      new CosmosDbAccount(
        this,
        "Commerce",
        withCosmosFailover({ ...(privateNetwork ? {} : { firewallDefaultAction: "Allow" as const }), ...props.cosmosDbProps }, this.pairedLocation),
      );
    this.database = this.cosmosDb.databases.get(COSMOS.database) ?? this.cosmosDb.addDatabase(COSMOS.database);
    this.ordersContainer = this.container(COSMOS.orders, ["/customerId"]);
    this.leasesContainer = this.container(COSMOS.leases, ["/id"]);
    this.uploadRecordsContainer = this.container(COSMOS.uploads, ["/id"]);

    // The functions: identity-based connections to the topic and to the commerce database only.
    this.handlers = this.createHandlers(props.functionAppProps);
    this.handlers.connectEventGrid(CONNECTIONS.eventGrid, this.topic);
    this.handlers.connectCosmosDb(CONNECTIONS.cosmosDb, this.databaseConnection(), "both");

    this.highValueOrderWorkflow = new LogicAppWorkflow(this, "HighValueOrder", {
      allowedCallerIpRanges: ["0.0.0.0/0"],
      // The workflow has no webhook actions: nobody needs its action endpoints.
      actionAllowedIpRanges: [NO_ADDRESS],
      ...props.workflowProps,
      definitionFile: HIGH_VALUE_ORDER_WORKFLOW,
      parameterValues: { ...props.workflowProps?.parameterValues, highValueThreshold: this.highValueThreshold },
    });

    this.subscriptions = this.subscribe(props);
    // Last, so it finds every alertable resource of the pattern (see the README's "Alerts").
    this.alerts = props.alerts === false ? undefined : new Alerts(this, "Alerts", props.alerts).watch(this);
  }

  private createDeadLetterAccount(accountProps: StorageAccountProps | undefined): StorageAccount {
    const account = new StorageAccount(this, "DeadLetters", { publicNetworkAccess: true, ...accountProps });
    if (accountProps?.publicNetworkAccess === undefined) {
      recordHole(
        this,
        account,
        "Azure Event Grid writes dead letters through the storage account's public endpoint as a trusted Microsoft service; Azure refuses trusted services once public network access is disabled, and Event Grid cannot deliver through private endpoints. The firewall still denies everything else.",
        ["EventGrid"],
      );
    }
    return account;
  }

  private container(name: string, partitionKeyPaths: string[]): CosmosDbSqlContainer {
    return this.database.containers.get(name) ?? this.database.addContainer(name, { partitionKeyPaths });
  }

  /** The commerce database as a connection target: grants stay on the database, not the account. */
  private databaseConnection(): ICosmosDbAccountConnectable {
    const database = this.database;
    return {
      endpoint: this.cosmosDb.endpoint,
      grantDataRead: (principal) => database.grantDataRead(principal),
      grantDataWrite: (principal) => database.grantDataWrite(principal),
    };
  }

  private createHandlers(appProps: Omit<FunctionAppProps, "code"> | undefined): FunctionApp {
    const app = new FunctionApp(this, "EventHandlers", {
      publicNetworkAccess: true,
      firewallDefaultAction: "Deny",
      ...appProps,
      code: { path: EVENT_HANDLERS_CODE },
    });
    if (appProps?.publicNetworkAccess === undefined) {
      recordHole(
        this,
        app,
        "Azure Event Grid push delivery cannot reach private endpoints, so the event handlers keep their public endpoint, restricted to the AzureEventGrid service tag; everything else reaches the app through its private endpoint.",
        ["EventGrid"],
      );
    }
    return app;
  }

  private subscribe(props: EventDrivenProps): EventDrivenSubscriptions {
    const webhook = props.externalWebhook;
    return {
      blobCreated: this.toFunction(this.uploadsEvents, "blob-created", FUNCTIONS.onBlobCreated, props, {
        includedEventTypes: [EVENT_TYPES.blobCreated],
        subjectBeginsWith: SUBJECTS.incomingBlob,
        // Empty blobs (folder markers, placeholders) carry nothing to process.
        advancedFilters: [AdvancedFilter.numberGreaterThan("data.contentLength", 0)],
      }),
      orderChanged: this.toFunction(this.topic, "order-changed", FUNCTIONS.onOrderChanged, props, {
        includedEventTypes: [EVENT_TYPES.orderChanged],
        subjectBeginsWith: SUBJECTS.order,
        advancedFilters: [AdvancedFilter.stringIn("data.status", ORDER_STATUSES)],
      }),
      uploadReceived: this.toFunction(this.topic, "upload-received", FUNCTIONS.onUploadReceived, props, {
        includedEventTypes: [EVENT_TYPES.uploadReceived],
        subjectBeginsWith: SUBJECTS.upload,
        advancedFilters: [AdvancedFilter.isNotNull("data.url")],
      }),
      highValueOrders: this.toWorkflow(),
      externalWebhook: webhook
        ? this.topic.addSubscription(webhook.subscriptionName ?? "external-webhook", {
            ...this.delivery(),
            destination: EventDestination.webhook(webhook.url, {
              maxEventsPerBatch: webhook.maxEventsPerBatch,
              preferredBatchSizeInKilobytes: webhook.preferredBatchSizeInKilobytes,
              activeDirectoryTenantId: webhook.activeDirectoryTenantId,
              activeDirectoryAppIdOrUri: webhook.activeDirectoryAppIdOrUri,
            }),
            includedEventTypes: webhook.includedEventTypes ?? [EVENT_TYPES.orderChanged],
            subjectBeginsWith: webhook.subjectBeginsWith ?? SUBJECTS.order,
            advancedFilters: webhook.advancedFilters ?? [AdvancedFilter.stringIn("data.status", ["Shipped", "Cancelled"])],
          })
        : undefined,
    };
  }

  /** Retries and dead-lettering, the same on every subscription. */
  private delivery(): Pick<EventSubscriptionOptions, "maxDeliveryAttempts" | "eventTimeToLive" | "deadLetter"> {
    return { ...this.retryPolicy, deadLetter: this.deadLetter };
  }

  private toFunction(
    source: EventGridTopic | EventGridSystemTopic,
    name: string,
    functionName: string,
    props: EventDrivenProps,
    filters: Pick<EventSubscriptionOptions, "includedEventTypes" | "subjectBeginsWith" | "advancedFilters">,
  ): EventGridSubscription {
    // The destination fails synthesis unless the code registers the function with an Event Grid
    // trigger; the subscription waits for the code deployment by itself (EventGridSubscription).
    const subscription = source.addSubscription(name, {
      ...this.delivery(),
      ...filters,
      destination: EventDestination.function(this.handlers, functionName),
      dependsOn: [...(props.functionSubscriptionsDependOn ?? [])],
    });
    return subscription;
  }

  private toWorkflow(): EventGridSubscription {
    const workflow = this.highValueOrderWorkflow;
    const subscription = this.topic.addSubscription("high-value-orders", {
      ...this.delivery(),
      // The callback URL carries the trigger's SAS signature: a token, never in the JSON as text.
      destination: EventDestination.webhook(workflow.callbackUrl),
      includedEventTypes: [EVENT_TYPES.orderChanged],
      subjectBeginsWith: SUBJECTS.order,
      advancedFilters: [AdvancedFilter.numberGreaterThan("data.total", this.highValueThreshold)],
    });
    // Deliver only once the whole workflow (every action) exists, not just its trigger.
    addDependency(subscription.resource, ...workflow.actions.values());
    return subscription;
  }
}
