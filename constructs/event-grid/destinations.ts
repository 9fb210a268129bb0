import { IConstruct } from "constructs";
import { EventgridEventSubscriptionConfig } from "@cdktf/provider-azurerm/lib/eventgrid-event-subscription";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole, BuiltInRoleName } from "../core/grants";
import { validateChildName } from "../core/child-names";

/** Batching of push deliveries (Azure Functions and webhooks). */
export interface BatchOptions {
  /** Events per delivered batch, 1-5000. @default Event Grid's default (1) */
  readonly maxEventsPerBatch?: number;
  /** Preferred batch size in kilobytes, 1-1024. @default Event Grid's default (64) */
  readonly preferredBatchSizeInKilobytes?: number;
}

/**
 * An Azure Function with an Event Grid trigger. The function must exist — its code deployed —
 * before the subscription is created: Event Grid checks the endpoint at creation (azurerm #8415).
 * For an app built with `FunctionApp` the subscription waits for its `codeDeployed` by itself;
 * for any other app put what deploys the code in the subscription's `dependsOn`.
 */
export interface AzureFunctionDestination extends BatchOptions {
  readonly kind: "azureFunction";
  readonly functionAppId: string;
  readonly functionName: string;
}

/** A function app Event Grid can deliver to by function name (`FunctionApp` is one). */
export interface IEventGridFunctionHost {
  /** The app's resource id. */
  readonly id: string;
  /**
   * The id of the app's function `functionName` (`<app id>/functions/<name>`); fails synthesis
   * when the app's code does not register it with an Event Grid trigger.
   */
  functionEndpointId(functionName: string): string;
}

export interface ServiceBusQueueDestination {
  readonly kind: "serviceBusQueue";
  readonly queueId: string;
}

export interface ServiceBusTopicDestination {
  readonly kind: "serviceBusTopic";
  readonly topicId: string;
}

export interface StorageQueueDestination {
  readonly kind: "storageQueue";
  readonly storageAccountId: string;
  readonly queueName: string;
  /** Seconds a message lives in the queue; -1 never expires. @default the queue's default (7 days) */
  readonly messageTimeToLiveSeconds?: number;
}

export interface EventHubDestination {
  readonly kind: "eventHub";
  readonly eventHubId: string;
}

/**
 * An HTTPS endpoint that answers Event Grid's validation handshake, e.g. a Logic App request
 * trigger. Callback URLs carry a signature (`sig=`): pass them as a token (e.g. a trigger's
 * `callbackUrl`, sensitive in the provider) — literal URLs with a secret query parameter are
 * rejected, and the construct never outputs the URL. A Logic App trigger's callback URL is checked
 * against the trigger: it must accept POST, and CloudEvents delivery needs a trigger without a
 * method whose workflow answers the OPTIONS handshake.
 */
export interface WebhookDestination extends BatchOptions {
  readonly kind: "webhook";
  readonly url: string;
  /** Entra tenant of the app that protects the endpoint. @default none (no Entra token) */
  readonly activeDirectoryTenantId?: string;
  /** Entra application id or URI Event Grid gets a token for. @default none (no Entra token) */
  readonly activeDirectoryAppIdOrUri?: string;
}

/** Where a subscription delivers events. Build one with the `EventDestination.*` factories. */
export type EventDestination =
  | AzureFunctionDestination
  | ServiceBusQueueDestination
  | ServiceBusTopicDestination
  | StorageQueueDestination
  | EventHubDestination
  | WebhookDestination;

/** Options of a webhook destination. */
export interface WebhookOptions extends BatchOptions {
  /** @default none */
  readonly activeDirectoryTenantId?: string;
  /** @default none */
  readonly activeDirectoryAppIdOrUri?: string;
}

/** Factories of typed destinations. */
export const EventDestination = {
  /**
   * The function `functionName` of `app`, checked at synth: the app's code must register it with an
   * Event Grid trigger (a Service Bus- or HTTP-triggered function never receives the events).
   */
  function: (app: IEventGridFunctionHost, functionName: string, options: BatchOptions = {}): AzureFunctionDestination => {
    app.functionEndpointId(functionName);
    return { kind: "azureFunction", functionAppId: app.id, functionName, ...options };
  },
  /**
   * A function `functionName` of the app `functionAppId`, by id: for an app this stack does not build
   * (nothing checks the function exists). See {@link AzureFunctionDestination}.
   */
  azureFunction: (functionAppId: string, functionName: string, options: BatchOptions = {}): AzureFunctionDestination => ({
    kind: "azureFunction",
    functionAppId,
    functionName,
    ...options,
  }),
  serviceBusQueue: (queueId: string): ServiceBusQueueDestination => ({ kind: "serviceBusQueue", queueId }),
  serviceBusTopic: (topicId: string): ServiceBusTopicDestination => ({ kind: "serviceBusTopic", topicId }),
  storageQueue: (storageAccountId: string, queueName: string, messageTimeToLiveSeconds?: number): StorageQueueDestination => ({
    kind: "storageQueue",
    storageAccountId,
    queueName,
    messageTimeToLiveSeconds,
  }),
  eventHub: (eventHubId: string): EventHubDestination => ({ kind: "eventHub", eventHubId }),
  /** An HTTPS endpoint (see {@link WebhookDestination}). */
  webhook: (url: string, options: WebhookOptions = {}): WebhookDestination => ({ kind: "webhook", url, ...options }),
} as const;

type EndpointAttributes = Pick<
  EventgridEventSubscriptionConfig,
  
    | "azureFunctionEndpoint"
    | "serviceBusQueueEndpointId"
    | "serviceBusTopicEndpointId"
    | "storageQueueEndpoint"
    | "eventhubEndpointId"
    | "webhookEndpoint"
>;

/** A destination as the L1 subscription takes it, plus the role a delivery identity needs there. */
export interface ResolvedDestination {
  readonly endpoint: EndpointAttributes;
  /** Undefined for destinations Event Grid cannot reach with a managed identity (functions, webhooks). */
  readonly deliveryRole?: { readonly scope: string; readonly role: BuiltInRoleName };
}

const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;
// Query parameters that carry a credential: SAS signatures (Logic Apps), function keys, tokens.
const SECRET_PARAMETER = /[?&](sig|code|key|token|secret|password|api[-_]?key|access_token)=/i;

/** A destination Event Grid delivers to with `role` on the entity `entityId` (a queue, topic or event hub). */
function sendsTo(entityId: string, role: BuiltInRoleName, endpoint: EndpointAttributes): ResolvedDestination {
  return { endpoint, deliveryRole: { scope: entityId, role } };
}

/** Validates `destination` and maps it to the L1 endpoint attributes. */
export function resolveDestination(scope: IConstruct, destination: EventDestination): ResolvedDestination {
  switch (destination.kind) {
    case "azureFunction":
      validateFunctionName(scope, destination.functionName);
      validateBatch(scope, destination);
      return {
        endpoint: {
          azureFunctionEndpoint: {
            functionId: `${destination.functionAppId}/functions/${destination.functionName}`,
            maxEventsPerBatch: destination.maxEventsPerBatch,
            preferredBatchSizeInKilobytes: destination.preferredBatchSizeInKilobytes,
          },
        },
      };
    case "serviceBusQueue":
      return sendsTo(destination.queueId, BuiltInRole.serviceBusDataSender, { serviceBusQueueEndpointId: destination.queueId });
    case "serviceBusTopic":
      return sendsTo(destination.topicId, BuiltInRole.serviceBusDataSender, { serviceBusTopicEndpointId: destination.topicId });
    case "storageQueue":
      validateChildName(scope, "queue", destination.queueName);
      validateQueueTtl(scope, destination.messageTimeToLiveSeconds);
      return {
        endpoint: {
          storageQueueEndpoint: {
            storageAccountId: destination.storageAccountId,
            queueName: destination.queueName,
            queueMessageTimeToLiveInSeconds: destination.messageTimeToLiveSeconds,
          },
        },
        deliveryRole: {
          scope: `${destination.storageAccountId}/queueServices/default/queues/${destination.queueName}`,
          role: BuiltInRole.storageQueueDataMessageSender,
        },
      };
    case "eventHub":
      return sendsTo(destination.eventHubId, BuiltInRole.eventHubsDataSender, { eventhubEndpointId: destination.eventHubId });
    case "webhook":
      validateWebhookUrl(scope, destination.url);
      validateBatch(scope, destination);
      return {
        endpoint: {
          webhookEndpoint: {
            url: destination.url,
            maxEventsPerBatch: destination.maxEventsPerBatch,
            preferredBatchSizeInKilobytes: destination.preferredBatchSizeInKilobytes,
            activeDirectoryTenantId: destination.activeDirectoryTenantId,
            activeDirectoryAppIdOrUri: destination.activeDirectoryAppIdOrUri,
          },
        },
      };
    default:
      return invalid(scope, {
        field: "destination.kind",
        value: (destination as { kind?: unknown }).kind,
        rule: "is not a known destination",
        fix: "build the destination with EventDestination.azureFunction/serviceBusQueue/serviceBusTopic/storageQueue/eventHub/webhook",
      });
  }
}

function validateFunctionName(scope: IConstruct, name: string): void {
  if (isUnresolved(name) || FUNCTION_NAME.test(name)) return;
  invalid(scope, {
    field: "destination.functionName",
    value: name,
    rule: "is not a valid function name",
    fix: "use the function's name as registered in the app: a letter, then up to 127 letters, digits, '_' or '-'",
  });
}

function validateBatch(scope: IConstruct, options: BatchOptions): void {
  validateRange(scope, "destination.maxEventsPerBatch", options.maxEventsPerBatch, 1, 5000);
  validateRange(scope, "destination.preferredBatchSizeInKilobytes", options.preferredBatchSizeInKilobytes, 1, 1024);
}

/** Throws when `value` is given and is not a whole number from `min` to `max`; tokens are skipped. */
export function validateRange(scope: IConstruct, field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    invalid(scope, { field, value, rule: `is not a whole number from ${min} to ${max}`, fix: `set ${field} to ${min}-${max}` });
  }
}

function validateQueueTtl(scope: IConstruct, seconds: number | undefined): void {
  if (seconds === undefined || isUnresolved(seconds)) return;
  if (!Number.isInteger(seconds) || (seconds < 1 && seconds !== -1)) {
    invalid(scope, {
      field: "destination.messageTimeToLiveSeconds",
      value: seconds,
      rule: "is not a positive whole number of seconds or -1",
      fix: "set a positive number of seconds, or -1 for messages that never expire",
    });
  }
}

function validateWebhookUrl(scope: IConstruct, url: string): void {
  if (isUnresolved(url)) return;
  // The URL is deliberately left out of these messages: it may carry a credential.
  if (!/^https:\/\/[^/?#\s]+/i.test(url)) {
    invalid(scope, {
      field: "destination.url",
      rule: "is not an https:// URL",
      fix: "use an HTTPS endpoint; Event Grid delivers webhooks over HTTPS only",
    });
  }
  const secret = SECRET_PARAMETER.exec(url);
  if (secret) {
    invalid(scope, {
      field: "destination.url",
      rule: `is a literal URL with a credential in its "${secret[1]}" query parameter, ` +
        `which would be stored in clear in the synthesized JSON and state`,
      fix: "pass the URL as a token instead (e.g. the Logic App trigger's callbackUrl, or a TerraformVariable with sensitive: true)",
    });
  }
}
