// The props of EventDriven, apart from its wiring.
import { ITerraformDependable } from "cdktf";
import { DisasterRecoveryOptions } from "../../constructs/core";
import { AlertsProps } from "../../constructs/monitoring";
import { CosmosDbAccountProps, ICosmosDbAccount } from "../../constructs/cosmos-db";
import { AdvancedFilter, EventGridSubscription, EventGridTopicProps, WebhookOptions } from "../../constructs/event-grid";
import { FunctionAppProps } from "../../constructs/function-app";
import { LogicAppWorkflowProps } from "../../constructs/logic-app";
import { IStorageAccount, StorageAccountProps } from "../../constructs/storage";

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
  readonly existingUploadsAccount?: IStorageAccount;
  /** Props of the new uploads account. @default the StorageAccount defaults */
  readonly uploadsAccountProps?: StorageAccountProps;
  /**
   * A Cosmos DB (NoSQL) account to hold the `commerce` database (containers `orders`, `leases`,
   * `uploads`; existing ones are reused). Cannot be combined with `cosmosDbProps`.
   * @default a new CosmosDbAccount "Commerce"
   */
  readonly existingCosmosDb?: ICosmosDbAccount;
  /**
   * Props of the new Cosmos DB account.
   * @default the CosmosDbAccount defaults; without a private network the firewall allows all networks (keys are off,
   * Entra ID guards every call) so the functions' shared outbound addresses get through
   */
  readonly cosmosDbProps?: CosmosDbAccountProps;
  /**
   * Where undeliverable events go. Event Grid writes dead letters as a trusted Microsoft service
   * through the account's public endpoint, with the source's system-assigned identity: the account
   * must keep public network access on (firewall deny with the AzureServices bypass is fine).
   * Cannot be combined with `deadLetterAccountProps`.
   * @default a new StorageAccount "DeadLetters" with a `dead-letters` container
   */
  readonly existingDeadLetterAccount?: IStorageAccount;
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
   * @default the LogicAppWorkflow defaults with allowedCallerIpRanges ["0.0.0.0/0"] (Event Grid has no fixed addresses and
   * Logic Apps access control takes no service tags, so the callback URL's signature is the credential) and action endpoints closed
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
