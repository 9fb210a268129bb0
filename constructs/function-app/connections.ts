import { IConstruct } from "constructs";
import { AppSettings } from "../core/app-settings";
import { invalid, isUnresolved } from "../core/errors";
import { Grantee } from "../core/grants";
import { FunctionBinding } from "./registrations";

/**
 * What a function may do with a messaging connection: `receive` for triggers, `send` for output
 * bindings, `both` when the app does both through the same connection name.
 */
export type MessagingConnectionAccess = "receive" | "send" | "both";

/** What a function may do with a data connection: `read` for inputs and triggers, `write` for outputs. */
export type DataConnectionAccess = "read" | "write" | "both";

/**
 * A Service Bus namespace as a connection sees it (structural, so any construct with these
 * members fits, e.g. this library's Service Bus namespace).
 */
export interface IServiceBusNamespaceConnectable {
  /** Host name, e.g. `sbns-contoso.servicebus.windows.net` (no scheme, no port). */
  readonly fullyQualifiedNamespace: string;
  /** Grants Azure Service Bus Data Receiver (or narrower) to `grantee`. */
  grantReceive(grantee: Grantee): unknown;
  /** Grants Azure Service Bus Data Sender (or narrower) to `grantee`. */
  grantSend(grantee: Grantee): unknown;
}

/**
 * A Service Bus queue, topic or subscription a connection's grants are scoped to (structural: this
 * library's ServiceBusQueue, ServiceBusTopic and ServiceBusSubscription fit).
 */
export interface IServiceBusEntityConnectable {
  /** The namespace the entity is in: the connection's endpoint. */
  readonly namespace: { readonly fullyQualifiedNamespace: string };
  /** Grants Azure Service Bus Data Receiver on the entity (a topic's covers its subscriptions). */
  grantReceive(grantee: Grantee): unknown;
  /** Grants Azure Service Bus Data Sender on the entity; a subscription has none (send to its topic). */
  grantSend?(grantee: Grantee): unknown;
}

/**
 * What a Service Bus connection targets: the namespace (roles on the whole namespace), or one or
 * more of its queues, topics and subscriptions (roles on each of them only).
 */
export type ServiceBusConnectionTarget = IServiceBusNamespaceConnectable | IServiceBusEntityConnectable | readonly IServiceBusEntityConnectable[];

/**
 * The namespace endpoint of a Service Bus connection target, with grants on what it names: the
 * namespace itself, or each entity (which must share one namespace, and can all do what `access` asks).
 */
export function serviceBusConnection(
  scope: IConstruct,
  target: ServiceBusConnectionTarget,
  access: MessagingConnectionAccess,
): IServiceBusNamespaceConnectable {
  if (!Array.isArray(target) && "fullyQualifiedNamespace" in target) return target as IServiceBusNamespaceConnectable;
  const entities = (Array.isArray(target) ? target : [target]) as readonly IServiceBusEntityConnectable[];
  if (entities.length === 0) {
    invalid(scope, {
      field: "Service Bus target",
      value: "[]",
      rule: "names no queue, topic or subscription",
      fix: "pass the entities the bindings use, or the namespace",
    });
  }
  const fullyQualifiedNamespace = entities[0].namespace.fullyQualifiedNamespace;
  const elsewhere = entities.find((e) => e.namespace.fullyQualifiedNamespace !== fullyQualifiedNamespace);
  if (elsewhere) {
    invalid(scope, {
      field: "Service Bus target",
      // A construct's path reads better than an unresolved host name.
      value: (elsewhere as Partial<IConstruct>).node?.path ?? elsewhere.namespace.fullyQualifiedNamespace,
      rule: "is on another namespace than the first entity (a connection has one fullyQualifiedNamespace)",
      fix: "connect each namespace's entities under their own connection name",
    });
  }
  const unsendable = sends(access) ? entities.find((e) => typeof e.grantSend !== "function") : undefined;
  if (unsendable) {
    invalid(scope, {
      field: "access",
      value: access,
      rule: "asks to send to a subscription, which only receives",
      fix: 'pass the subscription with "receive" and its topic for sending (e.g. [subscription, subscription.topic])',
    });
  }
  return {
    fullyQualifiedNamespace,
    grantReceive: (principal) => entities.map((e) => e.grantReceive(principal)),
    grantSend: (principal) => entities.map((e) => e.grantSend?.(principal)),
  };
}

/** An Event Hubs namespace as a connection sees it. */
export interface IEventHubsNamespaceConnectable {
  /** Host name, e.g. `evhns-contoso.servicebus.windows.net` (no scheme, no port). */
  readonly fullyQualifiedNamespace: string;
  /** Grants Azure Event Hubs Data Receiver (or narrower) to `grantee`. */
  grantReceive(grantee: Grantee): unknown;
  /** Grants Azure Event Hubs Data Sender (or narrower) to `grantee`. */
  grantSend(grantee: Grantee): unknown;
}

/** An Event Grid topic (or domain) an output binding publishes to. */
export interface IEventGridTopicConnectable {
  /** The publishing endpoint, e.g. `https://evgt-x.westeurope-1.eventgrid.azure.net/api/events`. */
  readonly endpoint: string;
  /** Grants EventGrid Data Sender to `grantee`. */
  grantPublish(grantee: Grantee): unknown;
}

/** A Cosmos DB (NoSQL) account as a connection sees it. */
export interface ICosmosDbAccountConnectable {
  /** The account endpoint, e.g. `https://cosmos-x.documents.azure.com:443/`. */
  readonly endpoint: string;
  /** Grants a data-plane read role (e.g. Cosmos DB Built-in Data Reader) to `grantee`. */
  grantDataRead(grantee: Grantee): unknown;
  /** Grants a data-plane write role (e.g. Cosmos DB Built-in Data Contributor) to `grantee`. */
  grantDataWrite(grantee: Grantee): unknown;
}

/**
 * How an identity-based connection authenticates: nothing more for the system-assigned identity
 * (the default), `credential` + `clientId` for a user-assigned one.
 */
export function identitySettings(prefix: string, clientId: string | undefined): Record<string, string> {
  return clientId === undefined ? {} : { [`${prefix}__credential`]: "managedidentity", [`${prefix}__clientId`]: clientId };
}

/**
 * Writes connection `connectionName`: `<connectionName>__<property>` for each property, plus the
 * identity settings; the name must be a literal the bindings can match.
 */
export function setConnection(
  scope: IConstruct,
  settings: AppSettings,
  connectionName: string,
  properties: Record<string, string>,
  clientId: string | undefined,
): void {
  if (isUnresolved(connectionName) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(connectionName)) {
    invalid(scope, {
      field: "connectionName",
      value: connectionName,
      rule: "is not a literal of letters, digits and '_' starting with a letter",
      fix: "use the connection name your bindings set, e.g. \"ServiceBusConnection\"",
    });
  }
  for (const [property, value] of Object.entries(properties)) settings.set(`${connectionName}__${property}`, value);
  for (const [key, value] of Object.entries(identitySettings(connectionName, clientId))) settings.set(key, value);
}

/**
 * Whether the app settings define connection `name`: the setting itself (a connection string),
 * any `name__*` setting (an identity-based connection), or either form with the `AzureWebJobs`
 * prefix the Functions runtime also looks up.
 */
export function isConnectionDefined(name: string, settingNames: Iterable<string>): boolean {
  const candidates = [name, `AzureWebJobs${name}`];
  for (const setting of settingNames) {
    if (candidates.some((c) => setting === c || setting.startsWith(`${c}__`))) return true;
  }
  return false;
}

export function receives(access: MessagingConnectionAccess | DataConnectionAccess): boolean {
  return access === "receive" || access === "read" || access === "both";
}

export function sends(access: MessagingConnectionAccess | DataConnectionAccess): boolean {
  return access === "send" || access === "write" || access === "both";
}

/** The connect* call that defines a connection for a binding type. */
export function connectionFix(binding: FunctionBinding, connection: string): string {
  const incoming = binding.direction === "in";
  const type = binding.type.replace(/Trigger$/, "");
  const call = (method: string, target: string, access?: string) =>
    `call ${method}("${connection}", ${target}${access ? `, "${access}"` : ""}) on this FunctionApp`;
  switch (type) {
    case "serviceBus":
      return call("connectServiceBus", "namespace", incoming ? "receive" : "send");
    case "eventHub":
      return call("connectEventHubs", "namespace", incoming ? "receive" : "send");
    case "eventGrid":
      return call("connectEventGrid", "topic");
    case "blob":
    case "queue":
    case "table":
      return call("connectStorage", "account", incoming ? "read" : "write");
    case "cosmosDB":
      return call("connectCosmosDb", "account", incoming ? "read" : "write");
    default:
      return `add the "${connection}__*" settings of the ${binding.type} extension with addAppSetting()`;
  }
}
