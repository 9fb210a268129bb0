import * as path from "path";
import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import {
  IntegrationContext,
  UserAssignedIdentity,
  addDependency,
  recordHole,
  resolveDisasterRecovery,
  withCosmosFailover,
  withGeoRedundantStorage,
} from "../../constructs/core";
import { Alerts } from "../../constructs/monitoring";
import { CosmosDbAccount, CosmosDbSqlContainer, CosmosDbSqlDatabase, ICosmosDbAccount } from "../../constructs/cosmos-db";
import {
  AdvancedFilter,
  DeadLetterOptions,
  EventDestination,
  EventGridSubscription,
  EventGridSystemTopic,
  EventGridTopic,
  EventSubscriptionOptions,
} from "../../constructs/event-grid";
import { FunctionApp, FunctionAppProps, ICosmosDbAccountConnectable } from "../../constructs/function-app";
import { LogicAppWorkflow, NO_ADDRESS } from "../../constructs/logic-app";
import { IStorageAccount, StorageAccount, StorageAccountProps } from "../../constructs/storage";
import {
  CONNECTIONS,
  COSMOS,
  EVENT_TYPES,
  FUNCTIONS,
  ORDER_STATUSES,
  SUBJECTS,
  UPLOADS_CONTAINER,
} from "../../workloads/functions/event-handlers/src/contract";
import type { EventDrivenProps, EventDrivenRetryPolicy, EventDrivenSubscriptions } from "./props";
import { validateEventDrivenProps } from "./validation";

/** The function app with the event handlers (TypeScript, `@azure/functions` v4). */
export const EVENT_HANDLERS_CODE = path.resolve(__dirname, "../../workloads/functions/event-handlers");
/** The high-value-order workflow (the Logic Apps designer's JSON). */
export const HIGH_VALUE_ORDER_WORKFLOW = path.resolve(__dirname, "../../workloads/logic-apps/high-value-order.workflow.json");

/** The blob container every subscription dead-letters to (Event Grid writes `<topic>/<subscription>/...` blobs). */
export const DEAD_LETTER_CONTAINER = "dead-letters";

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
  public readonly uploads: IStorageAccount;
  public readonly uploadsContainer: StorageContainer;
  public readonly uploadsEvents: EventGridSystemTopic;
  public readonly cosmosDb: ICosmosDbAccount;
  public readonly database: CosmosDbSqlDatabase;
  public readonly ordersContainer: CosmosDbSqlContainer;
  public readonly leasesContainer: CosmosDbSqlContainer;
  public readonly uploadRecordsContainer: CosmosDbSqlContainer;
  public readonly deadLetters: IStorageAccount;
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
    this.pairedLocation = resolveDisasterRecovery(this, props.disasterRecovery, IntegrationContext.resourceGroup(this, undefined).location);
    this.highValueThreshold = props.highValueThreshold ?? 1000;
    this.retryPolicy = {
      maxDeliveryAttempts: props.retryPolicy?.maxDeliveryAttempts ?? 10,
      eventTimeToLive: props.retryPolicy?.eventTimeToLive ?? 1440,
    };
    ({ topic: this.topic, publisher: this.publisher, publisherGrant: this.publisherGrant } = this.createTopic(props));
    ({ account: this.deadLetters, container: this.deadLetterContainer, deadLetter: this.deadLetter } = this.addDeadLetters(props));
    ({ account: this.uploads, container: this.uploadsContainer, events: this.uploadsEvents } = this.addUploads(props));
    ({
      account: this.cosmosDb,
      database: this.database,
      orders: this.ordersContainer,
      leases: this.leasesContainer,
      uploadRecords: this.uploadRecordsContainer,
    } = this.addCommerceStore(props));
    this.handlers = this.createHandlers(props.functionAppProps);
    this.highValueOrderWorkflow = this.createHighValueOrderWorkflow(props);
    this.subscriptions = this.subscribe(props);
    // Last, so it finds every alertable resource of the pattern (see the README's "Alerts").
    this.alerts = props.alerts === false ? undefined : new Alerts(this, "Alerts", props.alerts).watch(this);
  }

  /** The business-events topic and who may publish to it. */
  private createTopic(props: EventDrivenProps) {
    const topic = new EventGridTopic(this, "BusinessEvents", { ...props.topicProps, inputSchema: "CloudEventSchemaV1_0" });
    const publisher = new UserAssignedIdentity(this, "Publisher");
    return { topic, publisher, publisherGrant: topic.grantPublish(publisher) };
  }

  /** Where undeliverable events land. */
  private addDeadLetters(props: EventDrivenProps) {
    const account = props.existingDeadLetterAccount ?? this.createDeadLetterAccount(props.deadLetterAccountProps);
    const container = account.containers.get(DEAD_LETTER_CONTAINER) ?? account.addContainer(DEAD_LETTER_CONTAINER);
    const deadLetter: DeadLetterOptions = { storageAccountId: account.id, containerName: DEAD_LETTER_CONTAINER, container };
    return { account, container, deadLetter };
  }

  /** Blob Storage: the uploads account and its system topic. */
  private addUploads(props: EventDrivenProps) {
    const account =
      props.existingUploadsAccount ?? new StorageAccount(this, "Uploads", withGeoRedundantStorage(props.uploadsAccountProps, this.pairedLocation));
    const container = account.containers.get(UPLOADS_CONTAINER) ?? account.addContainer(UPLOADS_CONTAINER);
    const events = new EventGridSystemTopic(this, "UploadsEvents", { sourceResourceId: account.id, topicType: "Microsoft.Storage.StorageAccounts" });
    return { account, container, events };
  }

  /** Cosmos DB: orders (change feed), leases (the trigger's checkpoints), upload records. */
  private addCommerceStore(props: EventDrivenProps) {
    const privateNetwork = IntegrationContext.of(this).network !== undefined;
    const account =
      props.existingCosmosDb ??
      new CosmosDbAccount(
        this,
        "Commerce",
        withCosmosFailover({ ...(privateNetwork ? {} : { firewallDefaultAction: "Allow" as const }), ...props.cosmosDbProps }, this.pairedLocation),
      );
    const database = account.databases.get(COSMOS.database) ?? account.addDatabase(COSMOS.database);
    const container = (name: string, partitionKeyPaths: string[]): CosmosDbSqlContainer =>
      database.containers.get(name) ?? database.addContainer(name, { partitionKeyPaths });
    return {
      account,
      database,
      orders: container(COSMOS.orders, ["/customerId"]),
      leases: container(COSMOS.leases, ["/id"]),
      uploadRecords: container(COSMOS.uploads, ["/id"]),
    };
  }

  private createHighValueOrderWorkflow(props: EventDrivenProps): LogicAppWorkflow {
    return new LogicAppWorkflow(this, "HighValueOrder", {
      allowedCallerIpRanges: ["0.0.0.0/0"],
      // The workflow has no webhook actions: nobody needs its action endpoints.
      actionAllowedIpRanges: [NO_ADDRESS],
      ...props.workflowProps,
      definitionFile: HIGH_VALUE_ORDER_WORKFLOW,
      parameterValues: { ...props.workflowProps?.parameterValues, highValueThreshold: this.highValueThreshold },
    });
  }

  private createDeadLetterAccount(accountProps: StorageAccountProps | undefined): StorageAccount {
    const account = new StorageAccount(this, "DeadLetters", { publicNetworkAccess: true, ...accountProps });
    if (accountProps?.publicNetworkAccess === undefined) {
      recordHole(
        this,
        account,
        "Azure Event Grid writes dead letters through the storage account's public endpoint as a trusted Microsoft service; " +
          "Azure refuses trusted services once public network access is disabled, and Event Grid cannot deliver through private endpoints. " +
          "The firewall still denies everything else.",
        ["EventGrid"],
      );
    }
    return account;
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

  /** The functions: identity-based connections to the topic and to the commerce database only. */
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
        "Azure Event Grid push delivery cannot reach private endpoints, so the event handlers keep their public endpoint, " +
          "restricted to the AzureEventGrid service tag; everything else reaches the app through its private endpoint.",
        ["EventGrid"],
      );
    }
    app.connectEventGrid(CONNECTIONS.eventGrid, this.topic);
    app.connectCosmosDb(CONNECTIONS.cosmosDb, this.databaseConnection(), "both");
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
