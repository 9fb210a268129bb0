import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { JsonObject } from "../logic-app";
import { ServiceProviderReference } from "./workflows";

/** A built-in (service provider) connector the app connects to with its managed identity. */
export interface BuiltInConnector {
  /** `serviceProvider.id` in connections.json and `serviceProviderId` in the workflow's operations. */
  readonly serviceProviderId: string;
  /** The connection parameters of the connector's managed-identity parameter set, each read from an app setting. */
  readonly parameters: readonly string[];
  /** Where the parameter names come from. */
  readonly source: string;
}

/**
 * The built-in connectors the `connect*` methods configure. Each connection authenticates with
 * `parameterSetName: "ManagedServiceIdentity"` and `authProvider: { Type: "ManagedServiceIdentity" }`
 * (Azure/LogicAppsUX: apps/vs-code-designer/src/assets/readmes/importReadMe.md, a Service Bus
 * example by the Logic Apps team). Only Service Bus is confirmed by Microsoft; the other
 * parameter names come from public Standard projects and are unverified.
 */
export const BUILT_IN_CONNECTORS = {
  serviceBus: {
    serviceProviderId: "/serviceProviders/serviceBus",
    parameters: ["fullyQualifiedNamespace"],
    source: "Azure/LogicAppsUX importReadMe.md",
  },
  sql: { serviceProviderId: "/serviceProviders/sql", parameters: ["serverName", "databaseName"], source: "unverified (public Standard projects)" },
  cosmosDb: {
    serviceProviderId: "/serviceProviders/AzureCosmosDB",
    parameters: ["accountURI"],
    source: "unverified (a public Standard project's tested notes)",
  },
  blob: { serviceProviderId: "/serviceProviders/AzureBlob", parameters: ["blobStorageEndpoint"], source: "unverified (public Standard projects)" },
  queues: { serviceProviderId: "/serviceProviders/azurequeues", parameters: ["queueServiceUri"], source: "unverified (a public connector registry)" },
} as const satisfies Record<string, BuiltInConnector>;

export type BuiltInConnectorName = keyof typeof BUILT_IN_CONNECTORS;

/** A built-in connection of the app: its connections.json entry and the app settings it reads. */
export interface ServiceProviderConnection {
  readonly name: string;
  readonly connector: BuiltInConnectorName;
  readonly serviceProviderId: string;
  /** App setting name → value (endpoints, known at deploy time). */
  readonly appSettings: Readonly<Record<string, string>>;
}

const CONNECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A connection named `name` to `connector`, reading each parameter from the app setting `<name>_<parameter>`. */
export function serviceProviderConnection(
  scope: IConstruct,
  name: string,
  connector: BuiltInConnectorName,
  values: Readonly<Record<string, string>>,
): ServiceProviderConnection {
  if (isUnresolved(name) || !CONNECTION_NAME.test(name)) {
    invalid(scope, {
      field: "connection name",
      value: name,
      rule: "is not a literal of letters, digits and '_' starting with a letter (it also names app settings)",
      fix: 'use the connectionName your workflows\' ServiceProvider operations set, e.g. "serviceBus"',
    });
  }
  const spec: BuiltInConnector = BUILT_IN_CONNECTORS[connector];
  const appSettings: Record<string, string> = {};
  for (const parameter of spec.parameters) appSettings[settingName(name, parameter)] = values[parameter];
  return { name, connector, serviceProviderId: spec.serviceProviderId, appSettings };
}

/** The app setting a connection parameter is read from, e.g. `serviceBus_fullyQualifiedNamespace`. */
export function settingName(connection: string, parameter: string): string {
  return `${connection}_${parameter}`;
}

/** The `serviceProviderConnections` section of connections.json, sorted by name. */
export function connectionsJson(connections: Iterable<ServiceProviderConnection>): JsonObject {
  const entries = [...connections].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const serviceProviderConnections: JsonObject = {};
  for (const c of entries) {
    const parameterValues: JsonObject = { authProvider: { Type: "ManagedServiceIdentity" } };
    for (const parameter of BUILT_IN_CONNECTORS[c.connector].parameters)
      parameterValues[parameter] = `@appsetting('${settingName(c.name, parameter)}')`;
    serviceProviderConnections[c.name] = {
      displayName: c.name,
      parameterSetName: "ManagedServiceIdentity",
      parameterValues,
      serviceProvider: { id: c.serviceProviderId },
    };
  }
  return { managedApiConnections: {}, serviceProviderConnections };
}

/**
 * Problems of the workflows' ServiceProvider operations against the app's connections: a name no
 * connection has, or a connection of another connector. Service provider ids compare without case.
 */
export function connectionProblems(
  workflow: string,
  source: string,
  references: readonly ServiceProviderReference[],
  connections: ReadonlyMap<string, ServiceProviderConnection>,
): { field: string; rule: string; fix: string }[] {
  const problems: { field: string; rule: string; fix: string }[] = [];
  for (const ref of references) {
    const field = `${ref.user} of workflow "${workflow}" in ${source}`;
    const connection = connections.get(ref.connectionName);
    if (!connection) {
      const known = [...connections.keys()].map((k) => `"${k}"`).join(", ") || "none yet";
      problems.push({
        field,
        rule: `uses connection "${ref.connectionName}", but the app has no connection of that name (it has ${known})`,
        fix: connectFix(ref),
      });
    } else if (connection.serviceProviderId.toLowerCase() !== ref.serviceProviderId.toLowerCase()) {
      problems.push({
        field,
        rule: `calls ${ref.serviceProviderId} through connection "${ref.connectionName}", which is a ${connection.serviceProviderId} connection`,
        fix: "point connectionName at a connection of that connector, or fix serviceProviderId",
      });
    }
  }
  return problems;
}

const CONNECT_METHODS: Record<BuiltInConnectorName, string> = {
  serviceBus: "connectServiceBus",
  sql: "connectSql",
  cosmosDb: "connectCosmosDb",
  blob: "connectBlobStorage",
  queues: "connectQueueStorage",
};

function connectFix(ref: ServiceProviderReference): string {
  const found = (Object.keys(BUILT_IN_CONNECTORS) as BuiltInConnectorName[]).find(
    (k) => BUILT_IN_CONNECTORS[k].serviceProviderId.toLowerCase() === ref.serviceProviderId.toLowerCase(),
  );
  if (!found) {
    const supported = Object.values(BUILT_IN_CONNECTORS)
      .map((c) => c.serviceProviderId)
      .join(", ");
    return `LogicAppStandard connects ${supported}; use one of them, or fix serviceProviderId`;
  }
  return `call ${CONNECT_METHODS[found]}("${ref.connectionName}", ...) on the app, or fix connectionName`;
}
